#include "runs/durationtext.h"
#include "runs/ndjson.h"
#include "runs/replaysource.h"
#include "runs/runfeed.h"
#include "runs/runlist.h"
#include "runview/eventstream.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Flow;
using RunViewTest::EventStream;

namespace {

// A run with everything the reducer folds: queue, start, progress, logs, a retry, success, failure,
// a skip, a cancel and the run's end.
RunEvents sampleRun(const QString &run = QStringLiteral("r1"))
{
    EventStream s(1'700'000'000'000, run);
    s.start({"a", "b", "c", "d"})
        .add(1, EventKind::NodeQueued, "a")
        .add(2, EventKind::NodeStarted, "a", 1, {{"attempts", 2}})
        .add(3, EventKind::NodeLog, "a", 1, {{"stream", "stdout"}, {"line", "hello"}})
        .add(4, EventKind::NodeProgress, "a", 1, {{"fraction", 0.25}, {"text", "1/4"}})
        .add(5, EventKind::NodeRetrying, "a", 1, {{"attempt", 2}, {"delay", 100}, {"error", "boom"}})
        .add(105, EventKind::NodeStarted, "a", 2, {{"attempts", 2}})
        .add(106, EventKind::NodeLog, "a", 2, {{"stream", "stderr"}, {"line", "warn"}})
        .add(110, EventKind::NodeSucceeded, "a", 2, {{"duration", 5}, {"outputs", QVariantMap{{"x", 1}}}})
        .add(111, EventKind::NodeStarted, "b", 1)
        .add(120, EventKind::NodeFailed, "b", 1, {{"error", "exit 2"}})
        .add(121, EventKind::NodeSkipped, "c", 0, {{"reason", "b failed"}})
        .add(122, EventKind::NodeCancelled, "d", 0, {{"reason", "stopped"}})
        .finish(130, QStringLiteral("failed"));
    return s;
}

} // namespace

class tst_Runs : public QObject
{
    Q_OBJECT

private slots:
    void ndjsonSplitAnywhere();
    void ndjsonBadLines();
    void snapshotThenTail_data();
    void snapshotThenTail();
    void snapshotJsonEscapesLikeQt();
    void snapshotRejectsGarbage();
    void feedReportsChanges();
    void feedIgnoresOtherRunsAndRepeats();
    void feedLoadsSnapshot();
    void listAddsBeforeDelivery();
    void listKeepsFinishedBounded();
    void replayFromNdjsonFile();
    void replayRejectsDamagedFile();
    void durationTexts_data();
    void durationTexts();
    void eventTimesMatchQDateTime_data();
    void eventTimesMatchQDateTime();
    void eventTimesOtherIsoForms();
};

void tst_Runs::ndjsonSplitAnywhere()
{
    const RunEvents events = sampleRun();
    const QByteArray text = encodeNdjson(events);
    QCOMPARE(text.count('\n'), events.size());
    // However the bytes arrive, the same events come out.
    for (qsizetype cut : {qsizetype(1), qsizetype(7), text.size() / 3, text.size() - 1}) {
        NdjsonDecoder decoder;
        RunEvents out = decoder.feed(QByteArrayView(text).first(cut));
        out += decoder.feed(QByteArrayView(text).sliced(cut));
        out += decoder.finish();
        // Compared as text: JSON has no string lists, so a decoded list is a QVariantList.
        QCOMPARE(encodeNdjson(out), text);
        QVERIFY(decoder.errors().isEmpty());
    }
}

void tst_Runs::ndjsonBadLines()
{
    const RunEvents events = sampleRun();
    QByteArray text = events.at(0).toJsonLine() + "\nnot json\n\n" + R"({"kind":"node.nope"})" + "\n"
                      + events.at(1).toJsonLine(); // no newline at the end
    NdjsonDecoder decoder;
    RunEvents out = decoder.feed(text);
    QCOMPARE(out.size(), 1);
    out += decoder.finish();
    QCOMPARE(encodeNdjson(out), encodeNdjson(events.first(2)));
    QCOMPARE(decoder.errors().size(), 2);
    QCOMPARE(decoder.errors().at(0).line, 2);
    QCOMPARE(decoder.errors().at(1).line, 4);
}

void tst_Runs::snapshotThenTail_data()
{
    QTest::addColumn<int>("cut");
    const int n = int(sampleRun().size());
    for (int cut : {0, 1, 4, 6, 9, n - 1, n})
        QTest::addRow("after %d", cut) << cut;
}

void tst_Runs::snapshotThenTail()
{
    QFETCH(int, cut);
    const RunEvents events = sampleRun();
    const RunState whole = RunState::fold(events);
    const RunState head = RunState::fold(events.first(cut));
    // Through JSON text, as a remote client would get it.
    const QJsonObject json = QJsonDocument::fromJson(QJsonDocument(head.snapshot()).toJson()).object();
    // The history stores the text written directly: the same bytes as Qt's writer gives.
    QCOMPARE(head.snapshotJson(), QJsonDocument(head.snapshot()).toJson(QJsonDocument::Compact));
    std::optional<RunState> joined = RunState::fromSnapshot(json);
    QVERIFY(joined);
    joined->apply(events); // the events up to the cut are seen already and ignored
    QVERIFY(joined->sameAs(whole));
    QCOMPARE(joined->count(NodeState::Failed), 1);
    QCOMPARE(joined->node("a")->outputs, (QVariantMap{{"x", 1}}));
}

void tst_Runs::snapshotJsonEscapesLikeQt()
{
    // Text that needs escaping or is not ASCII takes Qt's writer; the rest is written directly.
    EventStream s(1'700'000'000'000, QStringLiteral("r\"2"));
    s.start({"plain", "quote\"d", "new\nline", "caf\u00e9", "tab\t\\", "emoji \U0001F600"})
        .add(1, EventKind::NodeStarted, "plain", 1)
        .add(2, EventKind::NodeLog, "plain", 1, {{"stream", "stdout"}, {"line", "a \"quoted\"\x01 line"}})
        .add(3, EventKind::NodeProgress, "plain", 1, {{"fraction", 1.0 / 3.0}, {"text", "\u00bd"}})
        .add(4, EventKind::NodeFailed, "quote\"d", 0, {{"error", "line 1\nline 2\r"}})
        .add(5, EventKind::NodeSucceeded, "caf\u00e9", 1,
             {{"duration", 7},
              {"outputs", QVariantMap{{"list", QVariantList{1, "two", 3.5}}, {"n", QVariant()}}}})
        .add(6, EventKind::NodeCached, "tab\t\\", 1,
             {{"outputs", QVariantMap{{"v", 1}}}, {"run", "source-run"}})
        .finish(9, QStringLiteral("failed"));
    QCOMPARE(RunState::fold(s).node("tab\t\\")->fromRun, QStringLiteral("source-run"));
    const RunState state = RunState::fold(s);
    QCOMPARE(state.snapshotJson(), QJsonDocument(state.snapshot()).toJson(QJsonDocument::Compact));
    QCOMPARE(RunState().snapshotJson(), QJsonDocument(RunState().snapshot()).toJson(QJsonDocument::Compact));
}

void tst_Runs::snapshotRejectsGarbage()
{
    QVERIFY(!RunState::fromSnapshot({}));
    QJsonObject bad = RunState::fold(sampleRun()).snapshot();
    bad.insert(u"phase", QStringLiteral("exploded"));
    QVERIFY(!RunState::fromSnapshot(bad));
}

void tst_Runs::feedReportsChanges()
{
    const RunEvents events = sampleRun();
    RunFeed feed;
    QList<RunFeed::Changes> seen;
    QList<qsizetype> sizes;
    connect(&feed, &RunFeed::applied, this, [&](const RunEvents &batch, const RunFeed::Changes &c) {
        sizes.append(batch.size());
        seen.append(c);
    });
    feed.apply(events.first(4)); // run.started, a queued, a started, a log line
    QCOMPARE(seen.size(), 1);
    QVERIFY(seen[0].run);
    QCOMPARE(seen[0].nodes.value("a"), NodeState::Pending); // the state before the batch
    QCOMPARE(seen[0].logged, QSet<QString>{"a"});
    feed.apply(events.sliced(4));
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen[1].nodes.value("a"), NodeState::Running);
    QCOMPARE(seen[1].nodes.value("c"), NodeState::Pending);
    QCOMPARE(feed.eventCount(), events.size());
    QVERIFY(feed.isFinished());
    QVERIFY(feed.state().sameAs(RunState::fold(events)));
}

void tst_Runs::feedIgnoresOtherRunsAndRepeats()
{
    const RunEvents events = sampleRun();
    RunFeed feed(QStringLiteral("r1"));
    RunEvents shown;
    connect(&feed, &RunFeed::applied, this, [&](const RunEvents &batch) { shown += batch; });
    feed.apply(events.first(5));
    RunEvents mixed = events.first(8);      // five seen already, three new
    mixed.insert(6, sampleRun("r2").at(5)); // and one of another run in the middle
    feed.apply(mixed);
    feed.apply(sampleRun("r2"));
    QCOMPARE(shown, events.first(8));
    QCOMPARE(feed.state().lastSeq(), 8);
}

void tst_Runs::feedLoadsSnapshot()
{
    const RunEvents events = sampleRun();
    RunFeed feed(QStringLiteral("r1"));
    QSignalSpy applied(&feed, &RunFeed::applied);
    QVERIFY(!feed.loadSnapshot(RunState::fold(sampleRun("r2"))));
    QVERIFY(feed.loadSnapshot(RunState::fold(events.first(7))));
    QCOMPARE(applied.size(), 1);
    QVERIFY(applied.at(0).at(1).value<RunFeed::Changes>().reset);
    feed.apply(events); // the live tail after the snapshot's seq
    QVERIFY(feed.state().sameAs(RunState::fold(events)));
    QCOMPARE(feed.eventCount(), events.size() - 7);
}

void tst_Runs::listAddsBeforeDelivery()
{
    RunList list;
    qint64 eventsWhenAdded = -1;
    connect(&list, &RunList::feedAdded, this, [&](RunFeed *feed) { eventsWhenAdded = feed->eventCount(); });
    auto *source = new ReplaySource(sampleRun());
    source->setBatchSize(3);
    RunFeed *feed = list.add(source);
    QCOMPARE(eventsWhenAdded, 0);
    QCOMPARE(list.feed("r1"), feed);
    QSignalSpy finished(&list, &RunList::feedFinished);
    source->start();
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.at(0).at(1).value<RunStatus>(), RunStatus::Failed);
    QCOMPARE(feed->eventCount(), sampleRun().size());
    // The same run id again gives the feed that is there.
    QCOMPARE(list.add(new ReplaySource(sampleRun())), feed);
    QCOMPARE(list.size(), 1);
}

void tst_Runs::listKeepsFinishedBounded()
{
    RunList list;
    list.setKeepFinished(2);
    QList<QPointer<RunFeed>> feeds;
    for (int i = 0; i < 4; ++i) {
        auto *source = new ReplaySource(sampleRun(QStringLiteral("run%1").arg(i)));
        feeds.append(list.add(source));
        if (i == 0)
            list.setCurrent(feeds.first()); // the shown run is never dropped
        QSignalSpy finished(&list, &RunList::feedFinished);
        source->start();
        QVERIFY(finished.wait(5000));
    }
    QTRY_VERIFY(feeds[1].isNull()); // deleted later, never inside its own signal
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.feeds().constFirst(), feeds[0].data());
    QCOMPARE(list.feeds().constLast(), feeds[3].data());
}

void tst_Runs::replayFromNdjsonFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("run.ndjson");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(encodeNdjson(sampleRun()));
    file.close();
    QString error;
    std::unique_ptr<ReplaySource> source(ReplaySource::fromNdjson(path, &error));
    QVERIFY2(source, qPrintable(error));
    RunFeed feed(source.release());
    QSignalSpy finished(&feed, &RunFeed::finished);
    static_cast<ReplaySource *>(feed.source())->start();
    QVERIFY(finished.wait(5000));
    QVERIFY(feed.state().sameAs(RunState::fold(sampleRun())));
    QVERIFY(!feed.canStop());
}

void tst_Runs::replayRejectsDamagedFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("bad.ndjson");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(sampleRun().at(0).toJsonLine() + "\n{broken\n");
    file.close();
    QString error;
    QVERIFY(!ReplaySource::fromNdjson(path, &error));
    QCOMPARE(error, path + ":2: not a run event");
    QVERIFY(!ReplaySource::fromNdjson(dir.filePath("missing.ndjson"), &error));
    QVERIFY(error.startsWith(dir.filePath("missing.ndjson") + ": "));
}

QTEST_GUILESS_MAIN(tst_Runs)
void tst_Runs::durationTexts_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("duration");
    QTest::addColumn<QString>("elapsed");
    QTest::addColumn<QString>("clock");
    QTest::newRow("unknown") << qint64(-1) << ""
                             << ""
                             << "00:00";
    QTest::newRow("zero") << qint64(0) << "0 ms"
                          << "0 s"
                          << "00:00";
    QTest::newRow("ms") << qint64(850) << "850 ms"
                        << "0 s"
                        << "00:00";
    QTest::newRow("tenths below 10 s") << qint64(1240) << "1.2 s"
                                       << "1 s"
                                       << "00:01";
    QTest::newRow("whole seconds") << qint64(42900) << "42 s"
                                   << "42 s"
                                   << "00:42";
    QTest::newRow("minutes") << qint64(65000) << "1 min 5 s"
                             << "1 min 5 s"
                             << "01:05";
    QTest::newRow("hours") << qint64(3723000) << "1 h 2 min"
                           << "1 h 2 min"
                           << "1:02:03";
}

// One style for every duration the app shows (cards, run table, run list, docks).
void tst_Runs::durationTexts()
{
    QFETCH(qint64, ms);
    QLocale::setDefault(QLocale::c());
    QTEST(durationText(ms), "duration");
    QTEST(elapsedText(ms), "elapsed");
    QTEST(clockText(ms), "clock");
}

void tst_Runs::eventTimesMatchQDateTime_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::newRow("epoch") << qint64(0);
    QTest::newRow("before the epoch") << qint64(-1);
    QTest::newRow("a day and a ms before") << qint64(-86'400'001);
    QTest::newRow("year 1") << qint64(-62135596800000);
    QTest::newRow("year 9999 end") << qint64(253402300799999);
    QTest::newRow("year 10000") << qint64(253402300800000);
    QTest::newRow("year 0") << qint64(-62135596800001);
    QTest::newRow("2000-02-29") << qint64(951782400123);
    QTest::newRow("2100-03-01") << qint64(4107542400000);
    QTest::newRow("now-ish") << qint64(1'796'000'000'007);
    // Every day of 4 years around a leap year, at a time with every field non-zero.
    for (qint64 day = 0; day < 4 * 366; day += 37)
        QTest::addRow("day %lld", day) << qint64(1'577'836'800'000 + day * 86'400'000 + 45'296'789);
}

// The event codec writes and reads its ISO times itself (one per event, the hot path of the NDJSON
// and WebSocket streams): byte for byte what QDateTime writes, and every time back exactly.
void tst_Runs::eventTimesMatchQDateTime()
{
    QFETCH(qint64, ms);
    RunEvent e;
    e.run = QStringLiteral("r");
    e.seq = 1;
    e.time = ms;
    const QString written = e.toJson().value(QLatin1String("time")).toString();
    QCOMPARE(written, QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs));
    // Read back as QDateTime reads it (which does not read its own years 0 and 10000).
    const std::optional<RunEvent> back = RunEvent::fromJson(e.toJson());
    const QDateTime qt = QDateTime::fromString(written, Qt::ISODateWithMs);
    QCOMPARE(back.has_value(), qt.isValid());
    if (back)
        QCOMPARE(back->time, ms);
}

// Times not in the exact form the codec writes are still read, as QDateTime reads them; a damaged
// one is refused.
void tst_Runs::eventTimesOtherIsoForms()
{
    auto timeOf = [](const QString &time) -> std::optional<qint64> {
        const QJsonObject o{{"run", "r"}, {"seq", 1}, {"kind", "node.log"}, {"time", time}};
        const std::optional<RunEvent> e = RunEvent::fromJson(o);
        return e ? std::optional<qint64>(e->time) : std::nullopt;
    };
    QCOMPARE(timeOf("2026-12-04T01:02:03.456+01:00"), qint64(1796342523456));
    QCOMPARE(timeOf("2026-12-04T01:02:03Z"), qint64(1796346123000));
    QCOMPARE(timeOf("2026-12-04T01:02:03.456Z"), qint64(1796346123456));
    QVERIFY(!timeOf("2026-02-30T01:02:03.456Z"));
    QVERIFY(!timeOf("2026-13-04T01:02:03.456Z"));
    QVERIFY(!timeOf("yesterday"));
}

#include "tst_runs.moc"
