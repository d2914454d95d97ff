// http.request against a real HTTP server on 127.0.0.1: methods, query, headers, bodies, JSON,
// statuses and allow_status, redirects, refused connections, and aborting on timeout or cancel.
#include "httptestserver.h"
#include "testcontext.h"

#include <QTest>

using namespace Flow;
using namespace Flow::Test;

namespace {

using Response = HttpTestServer::Response;
using Request = HttpTestServer::Request;

// Runs http.request on a worker thread while this thread keeps serving.
RunResult runHttp(TestContext &context)
{
    BackgroundRun run(QStringLiteral("http.request"), context);
    const QDeadlineTimer limit(15000);
    while (!run.isFinished() && !limit.hasExpired())
        QTest::qWait(5);
    return run.result();
}

Response json(const QByteArray &body, const QByteArray &type = "application/json")
{
    Response r;
    r.headers = {{"Content-Type", type}};
    r.body = body;
    return r;
}

} // namespace

class TestHttpRequest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void getJson_data();
    void getJson();
    void methods_data();
    void methods();
    void queryHeadersAndBody();
    void bodyInputOverridesConfig();
    void mapBodyIsSentAsJson();
    void statuses_data();
    void statuses();
    void redirects_data();
    void redirects();
    void repeatedResponseHeaders();
    void connectionRefused();
    void stopAbortsRequest_data();
    void stopAbortsRequest();
    void badUrl_data();
    void badUrl();

private:
    std::unique_ptr<HttpTestServer> m_server;
};

void TestHttpRequest::init()
{
    m_server = std::make_unique<HttpTestServer>();
    QVERIFY(m_server->listen());
    m_server->handle("/json", [](const Request &) { return json(R"({"hello": "world", "n": [1, 2.5]})"); });
    m_server->handle("/problem", [](const Request &) {
        return json(R"({"title": "bad"})", "application/problem+json; charset=utf-8");
    });
    m_server->handle("/text", [](const Request &) { return json("plain body\n", "text/plain"); });
    m_server->handle("/not-json", [](const Request &) { return json("{oops", "application/json"); });
    m_server->handle("/ok", [](const Request &) { return Response{}; });
    m_server->handle("/hang", [](const Request &) {
        Response r;
        r.hang = true;
        return r;
    });
    m_server->handle("/redirect", [this](const Request &) {
        Response r;
        r.status = 302;
        r.reason = "Found";
        r.headers = {{"Location", m_server->url("/text")}};
        return r;
    });
    for (int status : {201, 404, 500}) {
        m_server->handle("/status/" + QByteArray::number(status), [status](const Request &) {
            Response r;
            r.status = status;
            r.reason = status == 201 ? "Created" : status == 404 ? "Not Found" : "Internal Server Error";
            r.body = status == 404 ? "not here\nsecond line" : "";
            return r;
        });
    }
}

void TestHttpRequest::getJson_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QVariant>("json");
    QTest::addColumn<QString>("body");

    QTest::newRow("application/json")
        << QByteArray("/json") << QVariant(QVariantMap{{"hello", "world"}, {"n", QVariantList{1ll, 2.5}}})
        << R"({"hello": "world", "n": [1, 2.5]})";
    QTest::newRow("+json with charset")
        << QByteArray("/problem") << QVariant(QVariantMap{{"title", "bad"}}) << R"({"title": "bad"})";
    QTest::newRow("text: no json") << QByteArray("/text") << QVariant() << "plain body\n";
    QTest::newRow("broken JSON: no json, still succeeds") << QByteArray("/not-json") << QVariant() << "{oops";
}

void TestHttpRequest::getJson()
{
    QFETCH(QByteArray, path);
    QFETCH(QVariant, json);
    QFETCH(QString, body);
    TestContext context;
    context.setConfig({{"url", QString::fromLatin1(m_server->url(path))}});
    const RunResult result = runHttp(context);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(context.output("status").toLongLong(), 200);
    QCOMPARE(context.output("body").toString(), body);
    QCOMPARE(context.output("json"), json);
    QVERIFY(context.output("headers").toMap().contains("content-type"));
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_server->requests().first().method, "GET");
    QCOMPARE(context.lines(LogStream::Warn).size(), path == "/not-json" ? 1 : 0);
}

void TestHttpRequest::methods_data()
{
    QTest::addColumn<QString>("method");
    for (const char *m : {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "options"})
        QTest::newRow(m) << QString::fromLatin1(m);
}

void TestHttpRequest::methods()
{
    QFETCH(QString, method);
    TestContext context;
    context.setConfig({{"method", method}, {"url", QString::fromLatin1(m_server->url("/ok"))}});
    const RunResult result = runHttp(context);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(QString::fromLatin1(m_server->requests().first().method), method.toUpper());
}

void TestHttpRequest::queryHeadersAndBody()
{
    TestContext context;
    context.setConfig({{"method", "POST"},
                       {"url", QString::fromLatin1(m_server->url("/ok?fixed=1"))},
                       {"query", QVariantMap{{"q", "a b&c"}, {"tag", QVariantList{"x", "y"}}, {"n", 3}}},
                       {"headers", QVariantMap{{"X-Token", "secret"}, {"Content-Type", "text/plain"}}},
                       {"body", "hello body"}});
    const RunResult result = runHttp(context);
    QVERIFY2(result.ok, qPrintable(result.error));
    const Request request = m_server->requests().value(0);
    QCOMPARE(request.method, "POST");
    QCOMPARE(request.query, "fixed=1&n=3&q=a%20b%26c&tag=x&tag=y");
    QCOMPARE(request.headers.value("x-token"), "secret");
    QCOMPARE(request.headers.value("content-type"), "text/plain");
    QCOMPARE(request.body, "hello body");
}

void TestHttpRequest::bodyInputOverridesConfig()
{
    TestContext context;
    context.setConfig(
        {{"method", "PUT"}, {"url", QString::fromLatin1(m_server->url("/ok"))}, {"body", "config"}});
    context.setInputs({{"body", "from input"}});
    const RunResult result = runHttp(context);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(m_server->requests().value(0).body, "from input");
}

void TestHttpRequest::mapBodyIsSentAsJson()
{
    TestContext context;
    context.setConfig({{"method", "POST"}, {"url", QString::fromLatin1(m_server->url("/ok"))}});
    context.setInputs({{"body", QVariantMap{{"b", 2}, {"a", QVariantList{1}}}}});
    const RunResult result = runHttp(context);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(m_server->requests().value(0).body, R"({"a":[1],"b":2})");
    QCOMPARE(m_server->requests().value(0).headers.value("content-type"), "application/json");
}

void TestHttpRequest::statuses_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QStringList>("allow");
    QTest::addColumn<QString>("error"); // %1 = url

    QTest::newRow("201 is success") << QByteArray("/status/201") << QStringList() << QString();
    QTest::newRow("404 fails") << QByteArray("/status/404") << QStringList()
                               << "GET %1 returned HTTP 404 Not Found: not here";
    QTest::newRow("404 allowed exactly") << QByteArray("/status/404") << QStringList{"404"} << QString();
    QTest::newRow("404 allowed by 4xx")
        << QByteArray("/status/404") << QStringList{"500", "4xx"} << QString();
    QTest::newRow("500 not allowed by 4xx") << QByteArray("/status/500") << QStringList{"4xx"}
                                            << "GET %1 returned HTTP 500 Internal Server Error";
    QTest::newRow("anything allowed by *") << QByteArray("/status/500") << QStringList{"*"} << QString();
    QTest::newRow("no handler") << QByteArray("/missing") << QStringList()
                                << "GET %1 returned HTTP 404 Not Found: no handler for /missing";
}

void TestHttpRequest::statuses()
{
    QFETCH(QByteArray, path);
    QFETCH(QStringList, allow);
    QFETCH(QString, error);
    TestContext context;
    const QString url = QString::fromLatin1(m_server->url(path));
    context.setConfig({{"url", url}, {"allow_status", allow}});
    const RunResult result = runHttp(context);
    QCOMPARE(result.error, error.isEmpty() ? QString() : error.arg(url));
    // The outputs are there even when the status fails the node: an error handler may want them.
    QCOMPARE(context.output("status").toLongLong(), path.mid(8).isEmpty() ? 404 : path.mid(8).toLongLong());
}

void TestHttpRequest::redirects_data()
{
    QTest::addColumn<bool>("follow");
    QTest::addColumn<QStringList>("allow");
    QTest::addColumn<qint64>("status");
    QTest::addColumn<bool>("ok");
    QTest::newRow("followed by default") << true << QStringList() << 200ll << true;
    QTest::newRow("not followed: 302 fails") << false << QStringList() << 302ll << false;
    QTest::newRow("not followed, 3xx allowed") << false << QStringList{"3xx"} << 302ll << true;
}

void TestHttpRequest::redirects()
{
    QFETCH(bool, follow);
    QFETCH(QStringList, allow);
    QFETCH(qint64, status);
    QFETCH(bool, ok);
    TestContext context;
    QVariantMap config{{"url", QString::fromLatin1(m_server->url("/redirect"))}, {"allow_status", allow}};
    if (!follow)
        config.insert("follow_redirects", false);
    context.setConfig(config);
    const RunResult result = runHttp(context);
    QCOMPARE(result.ok, ok);
    QCOMPARE(context.output("status").toLongLong(), status);
    if (follow) {
        QCOMPARE(context.output("body").toString(), "plain body\n");
        QCOMPARE(m_server->requests().size(), 2);
    } else {
        QCOMPARE(context.output("headers").toMap().value("location").toString(),
                 QString::fromLatin1(m_server->url("/text")));
        QCOMPARE(m_server->requests().size(), 1);
    }
}

void TestHttpRequest::repeatedResponseHeaders()
{
    m_server->handle("/cookies", [](const Request &) {
        Response r;
        r.headers = {{"X-Multi", "a=1"}, {"x-multi", "b=2"}, {"X-Single", "one"}};
        return r;
    });
    TestContext context;
    context.setConfig({{"url", QString::fromLatin1(m_server->url("/cookies"))}});
    const RunResult result = runHttp(context);
    QVERIFY2(result.ok, qPrintable(result.error));
    const QVariantMap headers = context.output("headers").toMap();
    QCOMPARE(headers.value("x-multi").toString(), "a=1, b=2");
    QCOMPARE(headers.value("x-single").toString(), "one");
}

void TestHttpRequest::connectionRefused()
{
    // A port that was just listened on and closed again refuses connections.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const QString url = QStringLiteral("http://127.0.0.1:%1/x").arg(closed.serverPort());
    closed.close();
    TestContext context;
    context.setConfig({{"url", url}});
    const RunResult result = runHttp(context);
    QCOMPARE(result.error, QStringLiteral("GET %1 failed: Connection refused").arg(url));
}

void TestHttpRequest::stopAbortsRequest_data()
{
    QTest::addColumn<bool>("byDeadline");
    QTest::newRow("timeout") << true;
    QTest::newRow("cancel") << false;
}

void TestHttpRequest::stopAbortsRequest()
{
    QFETCH(bool, byDeadline);
    TestContext context;
    context.setConfig({{"url", QString::fromLatin1(m_server->url("/hang"))}});
    if (byDeadline)
        context.setDeadline(QDeadlineTimer(300));
    BackgroundRun run("http.request", context);
    qint64 stopAt = 300;
    if (!byDeadline) {
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 1, 10000);
        stopAt = context.elapsedMs();
        context.cancel();
    }
    QTRY_VERIFY_WITH_TIMEOUT(run.isFinished(), 10000);
    QCOMPARE(run.result().error, byDeadline ? "timed out after 300ms" : "cancelled");
    QVERIFY2(run.result().finishedAtMs - stopAt < 1000, "the request was not aborted promptly");
    // Aborting closed the connection: the server sees it go.
    QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnections(), 0, 5000);
}

void TestHttpRequest::badUrl_data()
{
    QTest::addColumn<QVariant>("url");
    QTest::addColumn<QString>("error");
    QTest::newRow("not a url") << QVariant("not a url") << "config 'url' is not a valid URL: 'not a url'";
    QTest::newRow("ftp") << QVariant("ftp://example.com/x")
                         << "config 'url' must be http or https, not 'ftp'";
    QTest::newRow("absent") << QVariant() << "config 'url' is required";
}

void TestHttpRequest::badUrl()
{
    QFETCH(QVariant, url);
    QFETCH(QString, error);
    TestContext context;
    if (url.isValid())
        context.setConfig({{"url", url}});
    QCOMPARE(runHttp(context).error, error);
    QVERIFY(m_server->requests().isEmpty());
}

QTEST_GUILESS_MAIN(TestHttpRequest)
#include "tst_httprequest.moc"
