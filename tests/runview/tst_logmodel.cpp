// LogModel and LogFilterModel: the lines a run's events make (including the readable lines made
// from failures, retries, skips and cancels), a million lines in batches, and every filter.
#include "app/runview/logfilter.h"
#include "app/runview/logmodel.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace Flow;

namespace {

constexpr qint64 BaseTime = 1'800'000'000'000; // ms since the epoch

RunEvent runEvent(EventKind kind, const QString &node, int attempt, const QVariantMap &data, qint64 seq,
                  const QString &run = QStringLiteral("r1"))
{
    RunEvent e;
    e.run = run;
    e.seq = seq;
    e.time = BaseTime + seq * 10;
    e.node = node;
    e.kind = kind;
    e.attempt = attempt;
    e.data = data;
    return e;
}

RunEvent logEvent(const QString &node, int attempt, const QString &stream, const QString &line, qint64 seq,
                  const QString &run = QStringLiteral("r1"))
{
    return runEvent(EventKind::NodeLog, node, attempt, {{"stream", stream}, {"line", line}}, seq, run);
}

// The generated log of the large tests: line i, by formula.
QString bigNode(qsizetype i)
{
    return QStringLiteral("node%1").arg(i % 7);
}
int bigAttempt(qsizetype i)
{
    return 1 + int(i % 3 == 0);
}
QString bigStream(qsizetype i)
{
    return i % 5 == 0 ? QStringLiteral("stderr") : QStringLiteral("stdout");
}
QString bigLine(qsizetype i)
{
    return QStringLiteral("line %1 of the generated output").arg(i);
}

RunEvents bigBatch(qsizetype from, qsizetype count)
{
    RunEvents batch;
    batch.reserve(count);
    for (qsizetype i = from; i < from + count; ++i)
        batch.append(logEvent(bigNode(i), bigAttempt(i), bigStream(i), bigLine(i), i + 1));
    return batch;
}

QList<int> shownSourceRows(const LogFilterModel &filter)
{
    QList<int> rows;
    for (int row = 0; row < filter.rowCount(); ++row)
        rows.append(filter.sourceRow(row));
    return rows;
}

// Small log for the filter tests: rows 0..9.
RunEvents smallLog()
{
    return {
        logEvent("fetch", 1, "stdout", "Downloading data", 1), // 0
        logEvent("fetch", 1, "stderr", "connection reset", 2), // 1
        runEvent(EventKind::NodeRetrying, "fetch", 1,
                 {{"attempt", 2}, {"delay", 1500}, {"error", "connection reset"}}, 3),             // 2 warn
        logEvent("fetch", 2, "stdout", "downloading DATA again", 4),                               // 3
        logEvent("parse", 1, "info", "Größe: 12 kB", 5),                                           // 4
        logEvent("parse", 1, "warn", "σίσυφος rolls the stone", 6),                                // 5
        logEvent("parse", 1, "debug", "tokens=42", 7),                                             // 6
        runEvent(EventKind::NodeFailed, "parse", 1, {{"error", "bad token at 3:4"}}, 8),           // 7 error
        runEvent(EventKind::NodeSkipped, "report", 0, {{"reason", "dependency parse failed"}}, 9), // 8 info
        logEvent("fetch", 2, "stdout", "done", 10),                                                // 9
    };
}

quint32 mask(std::initializer_list<LogModel::Stream> streams)
{
    quint32 m = 0;
    for (LogModel::Stream s : streams)
        m |= 1u << s;
    return m;
}

} // namespace

class tst_LogModel : public QObject
{
    Q_OBJECT

private slots:
    void lineFromEvent_data();
    void lineFromEvent();
    void columnsAndRoles();
    void oneInsertionPerBatch();
    void duplicateEventsAreSkipped();
    void clear();
    void oneRunPerModel();
    void filter_data();
    void filter();
    void filterFollowsAppends();
    void narrowingAndWidening();
    void textSearchAgreesWithQt();
    void millionLines();
};

void tst_LogModel::lineFromEvent_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<QVariantMap>("data");
    QTest::addColumn<QString>("stream");
    QTest::addColumn<QStringList>("lines");

    const auto row = [](const char *name, EventKind kind, int attempt, const QVariantMap &data,
                        const QString &stream, const QStringList &lines) {
        QTest::newRow(name) << int(kind) << attempt << data << stream << lines;
    };
    row("stdout", EventKind::NodeLog, 1, {{"stream", "stdout"}, {"line", "hello"}}, "stdout", {"hello"});
    row("stderr", EventKind::NodeLog, 2, {{"stream", "stderr"}, {"line", "oops"}}, "stderr", {"oops"});
    row("warning is warn", EventKind::NodeLog, 1, {{"stream", "warning"}, {"line", "hm"}}, "warn", {"hm"});
    row("unknown stream is info", EventKind::NodeLog, 1, {{"stream", "trace"}, {"line", "x"}}, "info", {"x"});
    row("empty line", EventKind::NodeLog, 1, {{"stream", "stdout"}, {"line", ""}}, "stdout", {""});
    row("failed", EventKind::NodeFailed, 2, {{"error", "command exited with status 3: oops"}}, "error",
        {"command exited with status 3: oops"});
    row("failed, no error", EventKind::NodeFailed, 1, {}, "error", {"failed"});
    row("failed, two lines", EventKind::NodeFailed, 1, {{"error", "first\nsecond"}}, "error",
        {"first", "second"});
    row("retrying", EventKind::NodeRetrying, 1, {{"attempt", 2}, {"delay", 2000}, {"error", "boom"}}, "warn",
        {"attempt 1 failed: boom; retrying in 2.0 s"});
    row("retrying, error with %1", EventKind::NodeRetrying, 3,
        {{"attempt", 4}, {"delay", 1500}, {"error", "50%1"}}, "warn",
        {"attempt 3 failed: 50%1; retrying in 1.5 s"});
    row("skipped", EventKind::NodeSkipped, 0, {{"reason", "dependency a failed"}}, "info",
        {"skipped: dependency a failed"});
    row("skipped, no reason", EventKind::NodeSkipped, 0, {}, "", {});
    row("cancelled", EventKind::NodeCancelled, 1, {{"reason", "run cancelled"}}, "info",
        {"cancelled: run cancelled"});
    row("cancelled, no reason", EventKind::NodeCancelled, 1, {}, "", {});
    row("started", EventKind::NodeStarted, 1, {{"attempts", 3}}, "", {});
    row("progress", EventKind::NodeProgress, 1, {{"fraction", 0.5}, {"text", "half"}}, "", {});
    row("succeeded", EventKind::NodeSucceeded, 1, {{"duration", 12}}, "", {});
}

void tst_LogModel::lineFromEvent()
{
    QFETCH(int, kind);
    QFETCH(int, attempt);
    QFETCH(QVariantMap, data);
    QFETCH(QString, stream);
    QFETCH(QStringList, lines);

    LogModel model;
    model.addEvents({runEvent(EventKind(kind), "n", attempt, data, 1)});
    QCOMPARE(model.lineCount(), lines.size());
    QCOMPARE(model.rowCount(), int(lines.size()));
    for (int row = 0; row < lines.size(); ++row) {
        QCOMPARE(model.text(row), lines.at(row));
        QCOMPARE(model.data(model.index(row, LogModel::MessageColumn)).toString(), lines.at(row));
        QCOMPARE(model.data(model.index(row, 0), LogModel::StreamRole).toString(), stream);
        QCOMPARE(model.data(model.index(row, 0), LogModel::AttemptRole).toInt(), attempt);
        QCOMPARE(model.data(model.index(row, 0), LogModel::NodeRole).toString(), QString("n"));
        QCOMPARE(model.data(model.index(row, 0), LogModel::TimeRole).toLongLong(), BaseTime + 10);
    }
}

void tst_LogModel::columnsAndRoles()
{
    LogModel model;
    model.addEvents({logEvent("fetch", 2, "stderr", "connection reset by peer", 1),
                     logEvent("fetch", 2, "stdout", "ok", 2),
                     logEvent("other", 0, "info", "日本語のログ", 3)});
    QCOMPARE(model.columnCount(), 5);
    const QStringList headers{"Time", "Node", "Attempt", "Stream", "Message"};
    for (int c = 0; c < 5; ++c)
        QCOMPARE(model.headerData(c, Qt::Horizontal).toString(), headers.at(c));

    const QString time = QDateTime::fromMSecsSinceEpoch(BaseTime + 10).toString("HH:mm:ss.zzz");
    QCOMPARE(model.data(model.index(0, LogModel::TimeColumn)).toString(), time);
    QCOMPARE(model.data(model.index(0, LogModel::NodeColumn)).toString(), QString("fetch"));
    QCOMPARE(model.data(model.index(0, LogModel::AttemptColumn)).toInt(), 2);
    QCOMPARE(model.data(model.index(0, LogModel::StreamColumn)).toString(), QString("stderr"));
    QCOMPARE(model.data(model.index(0, LogModel::MessageColumn)).toString(),
             QString("connection reset by peer"));
    QVERIFY(!model.data(model.index(2, LogModel::AttemptColumn)).isValid()); // attempt 0: blank
    QCOMPARE(model.text(2), QString("日本語のログ"));

    // Colours: stderr red, stdout the palette's own text colour.
    QCOMPARE(model.data(model.index(0, 4), Qt::ForegroundRole).value<QColor>(),
             LogModel::streamColor(LogModel::Stderr, false));
    QVERIFY(!model.data(model.index(1, 4), Qt::ForegroundRole).isValid());
    QVERIFY(model.data(model.index(2, 4), Qt::ForegroundRole).value<QColor>().isValid());
    for (bool dark : {false, true}) {
        QCOMPARE(LogModel::streamColor(LogModel::Error, dark), LogModel::streamColor(LogModel::Stderr, dark));
        QVERIFY(LogModel::streamColor(LogModel::Warn, dark) != LogModel::streamColor(LogModel::Error, dark));
    }
    QVERIFY(LogModel::streamColor(LogModel::Error, true).lightness()
            > LogModel::streamColor(LogModel::Error, false).lightness());

    QVERIFY(QFontInfo(model.data(model.index(0, 4), Qt::FontRole).value<QFont>()).fixedPitch());
    QVERIFY(model.data(model.index(0, 4), Qt::ToolTipRole).toString().contains("connection reset by peer"));
    QCOMPARE(model.lineText(0), time + " fetch#2 [stderr] connection reset by peer");
    QCOMPARE(model.lineText(2), QDateTime::fromMSecsSinceEpoch(BaseTime + 30).toString("HH:mm:ss.zzz")
                                    + " other [info] 日本語のログ");
    QCOMPARE(model.data(model.index(0, 0), LogModel::LineTextRole).toString(), model.lineText(0));
    QCOMPARE(model.nodeIds(), (QStringList{"fetch", "other"}));
    QCOMPARE(model.maxAttempt(), 2);

    // A huge line is shown cut (eliding a megabyte on every paint would be slow), copied whole.
    const QString huge = QString(5000, QChar('x')) + "END";
    model.addEvents({logEvent("big", 1, "stdout", huge, 4)});
    const QString shown = model.data(model.index(3, LogModel::MessageColumn)).toString();
    QVERIFY(shown.size() < 2000);
    QVERIFY(shown.endsWith(QChar(0x2026)));
    QCOMPARE(model.text(3), huge);
    QVERIFY(model.lineText(3).endsWith("[stdout] " + huge));
}

void tst_LogModel::oneInsertionPerBatch()
{
    LogModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy nodes(&model, &LogModel::nodeIdsChanged);
    model.addEvents(smallLog());
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 9);
    QCOMPARE(nodes.size(), 1);
    // A batch without a line inserts nothing.
    model.addEvents({runEvent(EventKind::NodeSucceeded, "fetch", 2, {}, 11)});
    QCOMPARE(inserted.size(), 1);
    model.addEvents({logEvent("fetch", 2, "stdout", "a", 12), logEvent("fetch", 2, "stdout", "b", 13)});
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 10);
    QCOMPARE(inserted.at(1).at(2).toInt(), 11);
    QCOMPARE(nodes.size(), 1); // no new node
}

void tst_LogModel::duplicateEventsAreSkipped()
{
    LogModel model;
    const RunEvents log = smallLog();
    model.addEvents(log.mid(0, 6));
    model.addEvents(log); // a replay overlapping what came live
    QCOMPARE(model.lineCount(), 10);
    QCOMPARE(model.text(9), QString("done"));
}

void tst_LogModel::clear()
{
    LogModel model;
    model.addEvents(smallLog());
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy nodes(&model, &LogModel::nodeIdsChanged);
    model.clear();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(nodes.size(), 1);
    QCOMPARE(model.lineCount(), 0);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.nodeIds().isEmpty());
    QCOMPARE(model.maxAttempt(), 0);
    // After clear() any run is welcome, from seq 1 again.
    model.addEvents({logEvent("x", 1, "stdout", "again", 1, "r2")});
    QCOMPARE(model.lineCount(), 1);
    QCOMPARE(model.runId(), QString("r2"));
    QCOMPARE(model.nodeId(0), QString("x"));
}

void tst_LogModel::oneRunPerModel()
{
    LogModel model;
    model.addEvents({runEvent(EventKind::RunStarted, {}, 0, {{"name", "w"}}, 1, "r1")});
    model.addEvents(smallLog().mid(1));
    QCOMPARE(model.lineCount(), 9);
    // The same run announcing itself again changes nothing.
    model.addEvents({runEvent(EventKind::RunStarted, {}, 0, {{"name", "w"}}, 1, "r1")});
    QCOMPARE(model.lineCount(), 9);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    // Another run's start and lines are not this model's to show (its feed has its own model); the
    // line of r1 in the same batch still comes.
    model.addEvents({runEvent(EventKind::RunStarted, {}, 0, {{"name", "w"}}, 1, "r2"),
                     logEvent("a", 1, "stdout", "new run", 2, "r2"),
                     logEvent("fetch", 2, "stdout", "late", 11, "r1")});
    QCOMPARE(reset.size(), 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.runId(), QString("r1"));
    QCOMPARE(model.lineCount(), 10);
    QCOMPARE(model.text(9), QString("late"));
    QVERIFY(!model.nodeIds().contains("a"));
}

void tst_LogModel::filter_data()
{
    QTest::addColumn<QString>("node");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<quint32>("streams");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("rows");

    const quint32 all = LogFilterModel::AllStreams;
    QTest::newRow("everything") << "" << 0 << all << "" << QList<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    QTest::newRow("node") << "fetch" << 0 << all << "" << QList<int>{0, 1, 2, 3, 9};
    QTest::newRow("node without lines") << "nope" << 0 << all << "" << QList<int>{};
    QTest::newRow("attempt 2") << "" << 2 << all << "" << QList<int>{3, 9};
    QTest::newRow("attempt 0 is all") << "" << 0 << all << "" << QList<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    QTest::newRow("stderr and error")
        << "" << 0 << mask({LogModel::Stderr, LogModel::Error}) << "" << QList<int>{1, 7};
    QTest::newRow("no streams") << "" << 0 << 0u << "" << QList<int>{};
    QTest::newRow("warn and info") << "" << 0 << mask({LogModel::Warn, LogModel::Info}) << ""
                                   << QList<int>{2, 4, 5, 8};
    QTest::newRow("text, any case") << "" << 0 << all << "DOWNLOADING data" << QList<int>{0, 3};
    QTest::newRow("text in synthesized lines") << "" << 0 << all << "connection reset" << QList<int>{1, 2};
    QTest::newRow("latin-1 text, any case") << "" << 0 << all << "GRÖßE" << QList<int>{4};
    QTest::newRow("latin-1 text") << "" << 0 << all << "größe" << QList<int>{4};
    QTest::newRow("wide text, any case") << "" << 0 << all << "ΣΊΣΥΦΟΣ" << QList<int>{5};
    QTest::newRow("wide needle, latin-1 lines") << "" << 0 << all << "日本" << QList<int>{};
    QTest::newRow("text matches nothing") << "" << 0 << all << "zebra" << QList<int>{};
    QTest::newRow("node + attempt + stream + text")
        << "fetch" << 2 << mask({LogModel::Stdout}) << "again" << QList<int>{3};
    QTest::newRow("node + stream") << "parse" << 0 << mask({LogModel::Debug, LogModel::Error}) << ""
                                   << QList<int>{6, 7};
}

void tst_LogModel::filter()
{
    QFETCH(QString, node);
    QFETCH(int, attempt);
    QFETCH(quint32, streams);
    QFETCH(QString, text);
    QFETCH(QList<int>, rows);

    LogModel model;
    model.addEvents(smallLog());
    // Each criterion set on a filter that already shows everything...
    LogFilterModel filter;
    filter.setSourceModel(&model);
    filter.setNodeFilter(node);
    filter.setAttemptFilter(attempt);
    filter.setStreamMask(streams);
    filter.setTextFilter(text);
    filter.finishRefilter();
    QCOMPARE(shownSourceRows(filter), rows);
    for (int row = 0; row < filter.rowCount(); ++row) {
        QCOMPARE(filter.index(row, 4).data().toString(), model.text(rows.at(row)));
        QCOMPARE(filter.mapFromSource(model.index(rows.at(row), 2)), filter.index(row, 2));
    }

    // ...and a filter set up before the lines arrive gives the same rows.
    LogModel later;
    LogFilterModel early;
    early.setSourceModel(&later);
    early.setNodeFilter(node);
    early.setAttemptFilter(attempt);
    early.setStreamMask(streams);
    early.setTextFilter(text);
    later.addEvents(smallLog());
    QCOMPARE(shownSourceRows(early), rows);
}

void tst_LogModel::filterFollowsAppends()
{
    LogModel model;
    LogFilterModel filter;
    filter.setSourceModel(&model);
    filter.setNodeFilter("fetch");
    QSignalSpy inserted(&filter, &QAbstractItemModel::rowsInserted);
    model.addEvents(smallLog());
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(shownSourceRows(filter), (QList<int>{0, 1, 2, 3, 9}));
    model.addEvents({logEvent("parse", 1, "stdout", "not shown", 11)});
    QCOMPARE(inserted.size(), 1); // nothing matched: no signal
    model.addEvents({logEvent("fetch", 3, "stdout", "shown", 12), logEvent("fetch", 3, "stdout", "too", 13)});
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(shownSourceRows(filter), (QList<int>{0, 1, 2, 3, 9, 11, 12}));

    QSignalSpy reset(&filter, &QAbstractItemModel::modelReset);
    model.clear();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(filter.rowCount(), 0);
    QCOMPARE(filter.nodeFilter(), QString("fetch")); // the filter outlives the lines
}

void tst_LogModel::narrowingAndWidening()
{
    LogModel model;
    model.addEvents(smallLog());
    LogFilterModel filter;
    filter.setSourceModel(&model);
    const QStringList typed{"d", "do", "dow", "down", "do", "", "n", "no", "non", "none"};
    for (const QString &text : typed) {
        filter.setTextFilter(text);
        filter.finishRefilter();
        QList<int> expected;
        for (int row = 0; row < model.lineCount(); ++row) {
            if (model.text(row).contains(text, Qt::CaseInsensitive))
                expected.append(row);
        }
        QCOMPARE(shownSourceRows(filter), expected);
    }
    filter.setTextFilter("");
    filter.setStreamEnabled(LogModel::Stdout, false);
    QCOMPARE(shownSourceRows(filter), (QList<int>{1, 2, 4, 5, 6, 7, 8}));
    filter.setStreamEnabled(LogModel::Info, false);
    QCOMPARE(shownSourceRows(filter), (QList<int>{1, 2, 5, 6, 7}));
    filter.setStreamEnabled(LogModel::Stdout, true);
    QCOMPARE(shownSourceRows(filter), (QList<int>{0, 1, 2, 3, 5, 6, 7, 9}));
    QVERIFY(!filter.isStreamEnabled(LogModel::Info));
}

// The fast Latin-1 search gives Qt's case-insensitive answer, for chosen and for random strings.
void tst_LogModel::textSearchAgreesWithQt()
{
    const auto check = [](const QString &haystack, const QString &needle) {
        const LogTextSearch search(needle);
        const bool expected = haystack.contains(needle, Qt::CaseInsensitive);
        QVERIFY2(search.inUtf16(haystack) == expected, qPrintable(haystack + " / " + needle));
        const QByteArray latin1 = haystack.toLatin1();
        if (QString::fromLatin1(latin1) == haystack) {
            QVERIFY2(search.inLatin1(latin1.constData(), latin1.size()) == expected,
                     qPrintable(haystack + " / " + needle));
        }
    };
    const QStringList haystacks{"",         "a",          "Hello World", "ÀÉÎÕÜ straße", "µ and ÿ",
                                "abababab", "aaaaaaaaab", "Kelvin",      "xyz"};
    QStringList needles{"",  "a", "A", "hello", "WORLD", "o w", "àéîõü", "STRASSE", "STRAßE",
                        "µ", "Μ", "Ÿ", "ÿ",     "abab",  "aab", "ab",    "xyz!",    "kelvin"};
    needles.append(QChar(0x212a) + QString("elvin")); // KELVIN SIGN folds to 'k'
    for (const QString &h : haystacks) {
        for (const QString &n : needles)
            check(h, n);
    }
    // Random strings over a small alphabet of letters that fold.
    const QString alphabet = QString::fromUtf8("aAbBµÿŸßsS ");
    quint32 seed = 12345;
    const auto random = [&seed](int bound) {
        seed = seed * 1664525u + 1013904223u;
        return int((seed >> 8) % quint32(bound));
    };
    for (int i = 0; i < 3000; ++i) {
        QString h, n;
        for (int k = random(20); k > 0; --k)
            h.append(alphabet.at(random(int(alphabet.size()))));
        for (int k = 1 + random(4); k > 0; --k)
            n.append(alphabet.at(random(int(alphabet.size()))));
        check(h, n);
    }
}

// A million lines in batches of 3,000: one insertion per batch, compact storage, correct rows, and
// filters over all of them (the text filter in slices while more lines arrive).
void tst_LogModel::millionLines()
{
    constexpr qsizetype total = 1'000'000;
    constexpr qsizetype batchSize = 3000;
    LogModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    int batches = 0;
    for (qsizetype from = 0; from < total; from += batchSize, ++batches)
        model.addEvents(bigBatch(from, std::min(batchSize, total - from)));
    QCOMPARE(model.lineCount(), total);
    QCOMPARE(inserted.size(), batches);
    QCOMPARE(inserted.at(1).at(1).toInt(), 3000);
    QCOMPARE(inserted.at(1).at(2).toInt(), 5999);
    QCOMPARE(inserted.last().at(2).toInt(), int(total - 1));
    for (qsizetype row : {qsizetype(0), qsizetype(65535), qsizetype(65536), qsizetype(499'999), total - 1}) {
        QCOMPARE(model.text(row), bigLine(row));
        QCOMPARE(model.nodeId(row), bigNode(row));
        QCOMPARE(model.attempt(row), bigAttempt(row));
        QCOMPARE(LogModel::streamName(model.stream(row)), bigStream(row));
        QCOMPARE(model.time(row), BaseTime + (row + 1) * 10);
    }
    const double bytesPerLine = double(model.memoryUsage()) / double(total);
    qInfo("%.1f bytes per line (text of ~%lld characters)", bytesPerLine, qlonglong(bigLine(500'000).size()));
    QVERIFY2(bytesPerLine <= 100, qPrintable(QString::number(bytesPerLine)));

    LogFilterModel filter;
    filter.setSourceModel(&model);
    QCOMPARE(filter.rowCount(), int(total));

    filter.setNodeFilter("node3");
    filter.finishRefilter();
    QCOMPARE(filter.rowCount(), int(total / 7 + (total % 7 > 3)));
    QCOMPARE(filter.sourceRow(1), 10);
    filter.setNodeFilter({});
    filter.setStreamMask(1u << LogModel::Stderr);
    filter.finishRefilter();
    QCOMPARE(filter.rowCount(), int(total / 5));
    QCOMPARE(filter.sourceRow(7), 35);
    filter.setStreamMask(LogFilterModel::AllStreams);
    filter.setAttemptFilter(2);
    filter.finishRefilter();
    QCOMPARE(filter.rowCount(), int((total + 2) / 3));
    filter.setAttemptFilter(0);
    filter.finishRefilter();
    QCOMPARE(filter.rowCount(), int(total));

    // The text filter runs in slices; the lines that arrive meanwhile are filtered too.
    QSignalSpy finished(&filter, &LogFilterModel::refilterFinished);
    filter.setTextFilter("LINE 77777");
    model.addEvents(bigBatch(total, batchSize)); // lines 1,000,000..1,002,999
    if (filter.isRefiltering())
        QVERIFY(finished.wait(10000));
    QList<int> expected{77777};
    for (int i = 0; i < 10; ++i)
        expected.append(777770 + i);
    for (qsizetype i = total; i < total + batchSize; ++i) {
        if (bigLine(i).contains("line 77777"))
            expected.append(int(i));
    }
    QCOMPARE(shownSourceRows(filter), expected);
    QCOMPARE(finished.size(), 1);
}

QTEST_MAIN(tst_LogModel)
#include "tst_logmodel.moc"
