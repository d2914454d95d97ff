// The fast event reader (runs/eventjson.h) against the QJsonDocument path it stands in for: whatever
// it accepts it must read exactly as the full reader does (same values, same types), and it must
// accept what the codec itself writes, or the speed is not there.
#include "runs/eventjson.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Flow;

namespace {

std::optional<RunEvent> slowRead(const QByteArray &line)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return RunEvent::fromJson(doc.object());
}

RunEvent makeEvent(EventKind kind, const QString &node, int attempt, const QVariantMap &data)
{
    RunEvent e;
    e.run = QStringLiteral("20261204-101500-ab12");
    e.seq = 42;
    e.time = 1'780'000'000'123;
    e.node = node;
    e.kind = kind;
    e.attempt = attempt;
    e.data = data;
    return e;
}

} // namespace

class TestEventJson : public QObject
{
    Q_OBJECT

private slots:
    void readsWhatTheCodecWrites_data();
    void readsWhatTheCodecWrites();
    void agreesWithTheFullReader_data();
    void agreesWithTheFullReader();
    void framesOfOneRunOnly();
    void mutatedLinesAgree();
};

void TestEventJson::readsWhatTheCodecWrites_data()
{
    QTest::addColumn<RunEvent>("event");
    QTest::newRow("queued") << makeEvent(EventKind::NodeQueued, "a", 0, {});
    QTest::newRow("log") << makeEvent(EventKind::NodeLog, "build", 1,
                                  {{"stream", "stdout"}, {"line", "hello world"}});
    QTest::newRow("log with escapes")
        << makeEvent(EventKind::NodeLog, "n", 1,
                 {{"stream", "stderr"},
                  {"line", QString::fromUtf8("tab\there \"q\" back\\slash \x1b[31mred\x1b[0m / \r")}});
    QTest::newRow("log in utf-8") << makeEvent(
        EventKind::NodeLog, QString::fromUtf8("n\u00f6de"), 1,
        {{"line", QString::fromUtf8("gr\u00fc\u00dfe \u2713 \xf0\x9f\x98\x80")}});
    QTest::newRow("progress") << makeEvent(EventKind::NodeProgress, "p", 2,
                                       {{"fraction", 0.25}, {"text", "1/4"}});
    QTest::newRow("progress unknown")
        << makeEvent(EventKind::NodeProgress, "p", 1, {{"fraction", -1.0}, {"text", ""}});
    QTest::newRow("succeeded") << makeEvent(
        EventKind::NodeSucceeded, "s", 3,
        {{"duration", qint64(1234)},
         {"outputs", QVariantMap{{"list", QVariantList{1, "two", true, QVariant::fromValue(nullptr)}},
                                 {"nested", QVariantMap{{"x", -7}, {"y", 3.5}}},
                                 {"empty", QVariantMap{}},
                                 {"none", QVariantList{}}}}});
    QTest::newRow("run started") << makeEvent(
        EventKind::RunStarted, {}, 0,
        {{"name", "Build"}, {"nodes", QVariantList{"a", "b"}}, {"params", QVariantMap{}}});
    QTest::newRow("run finished") << makeEvent(EventKind::RunFinished, {}, 0,
                                           {{"status", "failed"}, {"error", "b: exit 2"}});
    QTest::newRow("negative attempt") << makeEvent(EventKind::NodeStarted, "x", -3, {{"attempts", 5}});
}

void TestEventJson::readsWhatTheCodecWrites()
{
    QFETCH(RunEvent, event);
    const QByteArray line = event.toJsonLine();
    const std::optional<RunEvent> fast = EventJson::readEventLine(line);
    QVERIFY2(fast, line.constData());
    const std::optional<RunEvent> slow = slowRead(line);
    QVERIFY(slow);
    QVERIFY2(EventJson::identical(*fast, *slow), line.constData());
}

void TestEventJson::agreesWithTheFullReader_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("fast"); // the fast reader is expected to take it
    const QByteArray head = R"("kind":"node.log","run":"r","seq":1,"time":"2026-12-04T10:00:00.000Z")";
    auto row = [](const char *name, const QByteArray &line, bool fast) {
        QTest::newRow(name) << line << fast;
    };
    row("minimal", "{" + head + "}", true);
    row("keys in any order", R"({"seq":1,"run":"r","time":"2026-12-04T10:00:00.000Z","kind":"node.log"})",
        true);
    row("time as a number", R"({"kind":"node.log","run":"r","seq":1,"time":1780000000123})", true);
    row("integer", "{" + head + R"(,"data":{"n":5}})", true);
    row("integral double", "{" + head + R"(,"data":{"n":5.0}})", true);
    row("double", "{" + head + R"(,"data":{"n":-0.125}})", true);
    row("minus zero double", "{" + head + R"(,"data":{"n":-0.0}})", true);
    row("long fraction", "{" + head + R"(,"data":{"n":0.1000000000000000055511151231257827}})", false);
    row("minus zero", "{" + head + R"(,"data":{"n":-0}})", false);
    row("exponent", "{" + head + R"(,"data":{"n":1e3}})", false);
    row("big integer", "{" + head + R"(,"data":{"n":123456789012345678}})", false);
    row("unicode escape", "{" + head + R"(,"data":{"s":"\u00e9\u001b"}})", true);
    row("surrogate pair", "{" + head + R"(,"data":{"s":"\ud83d\ude00"}})", false);
    row("lone surrogate", "{" + head + R"(,"data":{"s":"\ud83d"}})", false);
    row("nul escape", "{" + head + R"(,"data":{"s":"a\u0000b"}})", false);
    row("escaped key", "{" + head + R"(,"data":{"k\"ey":1}})", true);
    row("whitespace", "{ " + head + "}", false);
    row("unknown key", "{" + head + R"(,"extra":1})", false);
    row("repeated key", "{" + head + R"(,"seq":2})", false);
    row("repeated data key", "{" + head + R"(,"data":{"a":1,"a":2}})", false);
    row("missing seq", R"({"kind":"node.log","run":"r","time":"2026-12-04T10:00:00.000Z"})", false);
    row("unknown kind", R"({"kind":"node.exploded","run":"r","seq":1,"time":"2026-12-04T10:00:00.000Z"})",
        false);
    row("other time form", R"({"kind":"node.log","run":"r","seq":1,"time":"2026-12-04T10:00:00Z"})", false);
    row("bad date", R"({"kind":"node.log","run":"r","seq":1,"time":"2026-02-30T10:00:00.000Z"})", false);
    row("node not a string", "{" + head + R"(,"node":5})", false);
    row("data not an object", "{" + head + R"(,"data":[1]})", false);
    row("fractional seq", R"({"kind":"node.log","run":"r","seq":1.5,"time":"2026-12-04T10:00:00.000Z"})",
        false);
    row("attempt too big", "{" + head + R"(,"attempt":99999999999})", false);
    row("invalid utf-8", "{" + head + ",\"data\":{\"s\":\"\xc3\x28\"}}", false);
    row("overlong utf-8", "{" + head + ",\"data\":{\"s\":\"\xc0\xaf\"}}", false);
    row("control character", "{" + head + ",\"data\":{\"s\":\"a\tb\"}}", false);
    row("trailing garbage", "{" + head + "}x", false);
    row("unclosed", "{" + head, false);
    row("leading zero", "{" + head + R"(,"data":{"n":01}})", false);
    row("deep", "{" + head + R"(,"data":{"a":)" + QByteArray(40, '[') + QByteArray(40, ']') + "}}", false);
}

void TestEventJson::agreesWithTheFullReader()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, fast);
    const std::optional<RunEvent> quick = EventJson::readEventLine(line);
    QCOMPARE(bool(quick), fast);
    const std::optional<RunEvent> full = RunEvent::fromJsonLine(line);
    const std::optional<RunEvent> slow = slowRead(line);
    QCOMPARE(bool(full), bool(slow));
    if (quick)
        QVERIFY(slow && EventJson::identical(*quick, *slow));
    if (full)
        QVERIFY(EventJson::identical(*full, *slow));
}

void TestEventJson::framesOfOneRunOnly()
{
    const QByteArray a = makeEvent(EventKind::NodeQueued, "a", 0, {}).toJsonLine();
    RunEvent other = makeEvent(EventKind::NodeQueued, "b", 0, {});
    other.run = QStringLiteral("else");
    const QByteArray prefix = R"({"v":1,"type":"events","run":"20261204-101500-ab12","events":[)";
    auto read = [](const QByteArray &bytes) { return EventJson::readEventsFrame(bytes); };
    const auto frame = read(prefix + a + "," + a + "]}");
    QVERIFY(frame);
    QCOMPARE(frame->events.size(), 2);
    QCOMPARE(frame->run, QStringLiteral("20261204-101500-ab12"));
    QVERIFY(read(prefix + "]}"));
    QVERIFY(!read(prefix + a + "," + other.toJsonLine() + "]}"));
    QVERIFY(!read(prefix + a + "]}\n"));
    QVERIFY(!read(prefix + a + ",]}"));
    QVERIFY(!EventJson::readEventsFrame(R"({"v":1,"type":"events","id":3,"run":"x","events":[]})"));
}

// Every prefix and a few thousand random byte changes of real lines: where the fast reader answers,
// the full one gives the same event.
void TestEventJson::mutatedLinesAgree()
{
    QRandomGenerator random(20261204);
    const QList<QByteArray> lines{
        makeEvent(EventKind::NodeLog, "n", 1, {{"stream", "stdout"}, {"line", "x\ty \u00e9"}}).toJsonLine(),
        makeEvent(EventKind::NodeSucceeded, "n", 1,
              {{"duration", 12}, {"outputs", QVariantMap{{"a", QVariantList{1.5, false}}}}})
            .toJsonLine(),
    };
    static const char alphabet[] = "{}[]\":,.-+eE0123456789\\u tfnrabl\x80\xc3";
    int fastCount = 0;
    for (const QByteArray &line : lines) {
        for (qsizetype n = 0; n <= line.size(); ++n)
            QVERIFY(!EventJson::readEventLine(line.left(n)) || n == line.size());
        for (int i = 0; i < 3000; ++i) {
            QByteArray mutated = line;
            const int edits = 1 + int(random.bounded(3));
            for (int k = 0; k < edits; ++k)
                mutated[qsizetype(random.bounded(int(mutated.size())))]
                    = alphabet[random.bounded(int(sizeof alphabet - 1))];
            const std::optional<RunEvent> quick = EventJson::readEventLine(mutated);
            if (!quick)
                continue;
            ++fastCount;
            const std::optional<RunEvent> slow = slowRead(mutated);
            QVERIFY2(slow && EventJson::identical(*quick, *slow), mutated.constData());
        }
    }
    QVERIFY(fastCount > 100); // the mutations did reach the fast path
}

QTEST_GUILESS_MAIN(TestEventJson)
#include "tst_eventjson.moc"
