// The one encoder/decoder of the WebSocket protocol: every message survives a round trip, and bytes
// that are not a message give an error with the documented code (never a crash).
#include "remote/eventarchive.h"
#include "remote/framecache.h"
#include "remote/protocol.h"
#include "runs/eventjson.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Flow;
using namespace Flow::Remote;

Q_DECLARE_METATYPE(Flow::Remote::ClientMessage)
Q_DECLARE_METATYPE(Flow::Remote::ServerMessage)

class TestProtocol : public QObject
{
    Q_OBJECT

private slots:
    void clientRoundTrip_data();
    void clientRoundTrip();
    void serverRoundTrip_data();
    void serverRoundTrip();
    void rejects_data();
    void rejects();
    void randomBytesNeverDecode();
    void eventsUseTheNdjsonCodec();
    void eventsFramesTakeTheFastPath();
    void framesStayWithinTheirBytes();
};

void TestProtocol::clientRoundTrip_data()
{
    QTest::addColumn<ClientMessage>("message");
    using T = ClientMessage::Type;
    ClientMessage hello{T::Hello};
    hello.token = QStringLiteral("s3cret");
    hello.client = QStringLiteral("tests");
    hello.id = 7;
    ClientMessage sub{T::Subscribe};
    sub.run = QStringLiteral("r1");
    sub.afterSeq = 41;
    ClientMessage start{T::Start};
    start.workflow = QStringLiteral("flowstudio: 1\nname: x\n");
    start.params = {{QStringLiteral("n"), 3}, {QStringLiteral("s"), QStringLiteral("t")}};
    start.id = QStringLiteral("req-1");
    ClientMessage cancel{T::Cancel};
    cancel.run = QStringLiteral("r2");
    ClientMessage unsub{T::Unsubscribe};
    unsub.run = QStringLiteral("r3");
    QTest::newRow("hello") << hello;
    QTest::newRow("list_runs") << ClientMessage{T::ListRuns};
    QTest::newRow("subscribe") << sub;
    QTest::newRow("unsubscribe") << unsub;
    QTest::newRow("start") << start;
    QTest::newRow("cancel") << cancel;
    QTest::newRow("status") << ClientMessage{T::Status};
    QTest::newRow("ping") << ClientMessage{T::Ping};
}

void TestProtocol::clientRoundTrip()
{
    QFETCH(ClientMessage, message);
    const QByteArray bytes = encode(message);
    QVERIFY(bytes.contains(R"("v":1)"));
    const Decoded<ClientMessage> back = decodeClientMessage(bytes);
    QVERIFY2(back.ok(), qPrintable(back.error));
    QCOMPARE(*back.value, message);
}

void TestProtocol::serverRoundTrip_data()
{
    QTest::addColumn<ServerMessage>("message");
    using T = ServerMessage::Type;
    const RunSummary summary{
        QStringLiteral("r1"), QStringLiteral("Build"), QStringLiteral("running"), 1700000000000, 0, 12};
    ServerMessage welcome{T::Welcome};
    welcome.server = QStringLiteral("box");
    welcome.version = QStringLiteral("0.1.0");
    welcome.capabilities = {QStringLiteral("runs"), QStringLiteral("start")};
    ServerMessage runs{T::Runs};
    runs.runs = {summary, RunSummary{QStringLiteral("r2"), QStringLiteral("B"), QStringLiteral("failed"),
                                     1700000000000, 1700000005000, 40}};
    ServerMessage subscribed{T::Subscribed};
    subscribed.run = QStringLiteral("r1");
    subscribed.afterSeq = 3;
    subscribed.workflowText = QStringLiteral("flowstudio: 1\n");
    subscribed.runs = {summary};
    ServerMessage events{T::Events};
    events.run = QStringLiteral("r1");
    events.id = 5;
    for (int i = 1; i <= 3; ++i) {
        RunEvent e;
        e.run = QStringLiteral("r1");
        e.seq = i;
        e.time = 1700000000000 + i;
        e.node = QStringLiteral("n\"%1").arg(i);
        e.kind = EventKind::NodeLog;
        e.data = {{QStringLiteral("stream"), QStringLiteral("stdout")},
                  {QStringLiteral("line"), QStringLiteral("ü %1").arg(i)}};
        events.events.append(e);
    }
    ServerMessage status{T::Status};
    status.version = QStringLiteral("0.1.0");
    status.uptimeMs = 1234;
    status.running = 2;
    status.clients = 3;
    status.runCount = 9;
    ServerMessage error = errorMessage(QLatin1String(Code::InvalidWorkflow), QStringLiteral("no"), 9);
    error.diagnostics
        = {{3, 5, QStringLiteral("unknown type"), QStringLiteral("a")}, {0, 0, QStringLiteral("x"), {}}};
    ServerMessage bye{T::Bye};
    bye.reason = QStringLiteral("shutting down");
    ServerMessage started{T::Started};
    started.run = QStringLiteral("r9");
    ServerMessage update{T::RunUpdate};
    update.runs = {summary};
    QTest::newRow("welcome") << welcome;
    QTest::newRow("runs") << runs;
    QTest::newRow("run_update") << update;
    QTest::newRow("subscribed") << subscribed;
    QTest::newRow("events") << events;
    QTest::newRow("started") << started;
    QTest::newRow("status") << status;
    QTest::newRow("pong") << ServerMessage{T::Pong};
    QTest::newRow("error") << error;
    QTest::newRow("bye") << bye;
}

void TestProtocol::serverRoundTrip()
{
    QFETCH(ServerMessage, message);
    const Decoded<ServerMessage> back = decodeServerMessage(encode(message));
    QVERIFY2(back.ok(), qPrintable(back.error));
    QCOMPARE(*back.value, message);
}

void TestProtocol::rejects_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("code");
    QTest::newRow("empty") << QByteArray() << Code::BadMessage;
    QTest::newRow("not json") << QByteArray("hello there") << Code::BadMessage;
    QTest::newRow("array") << QByteArray(R"([1,2])") << Code::BadMessage;
    QTest::newRow("no v") << QByteArray(R"({"type":"ping"})") << Code::BadVersion;
    QTest::newRow("v 2") << QByteArray(R"({"v":2,"type":"ping"})") << Code::BadVersion;
    QTest::newRow("v string") << QByteArray(R"({"v":"1","type":"ping"})") << Code::BadVersion;
    QTest::newRow("type number") << QByteArray(R"({"v":1,"type":3})") << Code::BadMessage;
    QTest::newRow("unknown type") << QByteArray(R"({"v":1,"type":"rm_rf"})") << Code::UnknownType;
    QTest::newRow("run number") << QByteArray(R"({"v":1,"type":"subscribe","run":5})") << Code::BadMessage;
    QTest::newRow("no run") << QByteArray(R"({"v":1,"type":"cancel"})") << Code::BadMessage;
    QTest::newRow("after_seq text") << QByteArray(R"({"v":1,"type":"subscribe","run":"a","after_seq":"3"})")
                                    << Code::BadMessage;
    QTest::newRow("after_seq negative")
        << QByteArray(R"({"v":1,"type":"subscribe","run":"a","after_seq":-1})") << Code::BadMessage;
    QTest::newRow("after_seq fraction")
        << QByteArray(R"({"v":1,"type":"subscribe","run":"a","after_seq":1.5})") << Code::BadMessage;
    QTest::newRow("params list") << QByteArray(R"({"v":1,"type":"start","workflow":"x","params":[1]})")
                                 << Code::BadMessage;
    QTest::newRow("token object") << QByteArray(R"({"v":1,"type":"hello","token":{}})") << Code::BadMessage;
    QTest::newRow("id object") << QByteArray(R"({"v":1,"type":"ping","id":{}})") << Code::BadMessage;
}

void TestProtocol::rejects()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, code);
    const Decoded<ClientMessage> d = decodeClientMessage(frame);
    QVERIFY(!d.ok());
    QCOMPARE(d.code, code);
    QVERIFY(!d.error.isEmpty());
}

void TestProtocol::randomBytesNeverDecode()
{
    QRandomGenerator random(42);
    for (int i = 0; i < 2000; ++i) {
        QByteArray bytes(int(random.bounded(1, 200)), Qt::Uninitialized);
        for (char &c : bytes)
            c = char(random.bounded(256));
        if (i % 3 == 0)
            bytes.prepend(R"({"v":1,"type":"events","run":"r","events":[)");
        QVERIFY(!decodeClientMessage(bytes).ok());
        QVERIFY(!decodeServerMessage(bytes).ok());
    }
}

void TestProtocol::eventsUseTheNdjsonCodec()
{
    RunEvent e;
    e.run = QStringLiteral("r");
    e.seq = 1;
    e.time = 1700000000000;
    e.kind = EventKind::RunStarted;
    e.data = {{QStringLiteral("name"), QStringLiteral("w")}};
    ServerMessage m{ServerMessage::Type::Events};
    m.run = e.run;
    m.events = {e};
    QVERIFY(encode(m).contains(e.toJsonLine()));
    // An event of another run inside a run's frame is refused, not mixed in.
    ServerMessage wrong = m;
    wrong.run = QStringLiteral("other");
    QVERIFY(!decodeServerMessage(encode(wrong)).ok());
}

namespace {

RunEvents logRun(const QString &run, int lines)
{
    RunEvents out;
    for (int i = 1; i <= lines; ++i) {
        RunEvent e;
        e.run = run;
        e.seq = i;
        e.time = 1'780'000'000'000 + i;
        e.node = QStringLiteral("print");
        e.kind = EventKind::NodeLog;
        e.attempt = 1;
        // Lines of very different lengths, one far longer than a frame may be.
        const int length = i == 50 ? 5000 : 10 + (i * 37) % 400;
        e.data = {{QStringLiteral("stream"), QStringLiteral("stdout")},
                  {QStringLiteral("line"), QString(length, QChar(u'a' + i % 26))}};
        out.append(e);
    }
    return out;
}

} // namespace

// The frames a server writes are read by the fast reader, to exactly what the full decoder reads.
void TestProtocol::eventsFramesTakeTheFastPath()
{
    ServerMessage m{ServerMessage::Type::Events};
    m.run = QStringLiteral("r1");
    m.events = logRun(m.run, 120);
    const QByteArray frame = encode(m);
    const auto fast = EventJson::readEventsFrame(frame);
    QVERIFY(fast);
    const Decoded<ServerMessage> full = decodeServerMessageFull(frame);
    QVERIFY(full.ok());
    QCOMPARE(*full.value, m);
    QCOMPARE(fast->events.size(), m.events.size());
    for (qsizetype i = 0; i < m.events.size(); ++i)
        QVERIFY(EventJson::identical(fast->events.at(i), full.value->events.at(i)));
    QCOMPARE(*decodeServerMessage(frame).value, m);
}

// A replay in frames of at most N bytes (one event alone may be longer): every event once, in order.
void TestProtocol::framesStayWithinTheirBytes()
{
    MemoryArchive archive;
    const QString run = QStringLiteral("r1");
    archive.beginRun(RunSummary{run}, {});
    const RunEvents events = logRun(run, 300);
    archive.append(events);
    FrameCache cache;
    cache.append(events);
    constexpr qsizetype MaxBytes = 4096;
    qint64 after = 0;
    int frames = 0;
    RunEvents got;
    while (after < events.size()) {
        qint64 last = 0;
        const QByteArray frame = cache.frame(run, after, 1000, archive, &last, MaxBytes);
        QVERIFY(last > after);
        const Decoded<ServerMessage> d = decodeServerMessage(frame);
        QVERIFY2(d.ok(), qPrintable(d.error));
        QCOMPARE(d.value->events.size(), last - after);
        if (last - after > 1)
            QVERIFY2(frame.size() <= MaxBytes + 64, qPrintable(QString::number(frame.size())));
        got += d.value->events;
        after = last;
        ++frames;
    }
    QCOMPARE(got, events);
    QVERIFY(frames > 10);
    qint64 last = 0;
    QCOMPARE(cache.frame(run, 0, 1000, archive, &last).size() > 50 * 1000, true); // no cap: all 300
    QCOMPARE(last, qint64(300));
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
