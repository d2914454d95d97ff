#include "httprequest.h"

#include "jsonnodes.h"
#include "jsonwriter.h"
#include "nodeconfig.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <climits>
#include <memory>

namespace Flow {
namespace {

// How often the request loop looks at isCancelled(); the deadline has its own timer.
constexpr int kCancelPollMs = 50;
constexpr qsizetype kBodySnippet = 200;

QUrl requestUrl(const NodeConfig &config)
{
    const QString text = config.requiredString(QStringLiteral("url"));
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty())
        config.fail(QStringLiteral("url"), QStringLiteral("is not a valid URL: '%1'").arg(text));
    if (url.scheme() != u"http" && url.scheme() != u"https")
        config.fail(QStringLiteral("url"),
                    QStringLiteral("must be http or https, not '%1'").arg(url.scheme()));

    const QVariantMap query = config.map(QStringLiteral("query"));
    if (!query.isEmpty()) {
        QUrlQuery urlQuery(url);
        for (auto it = query.cbegin(); it != query.cend(); ++it) {
            // A list repeats the key: {tag: [a, b]} → tag=a&tag=b.
            const QVariantList values = it.value().typeId() == QMetaType::QVariantList
                                            ? it.value().toList()
                                            : QVariantList{it.value()};
            for (const QVariant &v : values)
                urlQuery.addQueryItem(it.key(), valueToText(v));
        }
        url.setQuery(urlQuery);
    }
    return url;
}

struct Body
{
    QByteArray bytes;
    QByteArray contentType; // when the body itself implies one
    bool present = false;
};

Body requestBody(const NodeContext &context, const NodeConfig &config)
{
    const QVariant value = context.hasInput(QStringLiteral("body")) ? context.input(QStringLiteral("body"))
                                                                    : config.value(QStringLiteral("body"));
    if (!value.isValid() || value.isNull())
        return {};
    if (value.typeId() == QMetaType::QVariantMap || value.typeId() == QMetaType::QVariantList)
        return {writeJson(value, 0).toUtf8(), "application/json", true};
    return {valueToText(value).toUtf8(), {}, true};
}

// "404", "4xx" (any 4xx) or "*" as in allow_status.
bool statusAllowed(int status, const QStringList &allowed)
{
    if (status >= 200 && status < 300)
        return true;
    const QString code = QString::number(status);
    for (const QString &pattern : allowed) {
        const QString p = pattern.trimmed().toLower();
        if (p == u"*" || p == code)
            return true;
        if (p.size() == 3 && p.endsWith(u"xx") && p.at(0) == code.at(0))
            return true;
    }
    return false;
}

QVariantMap responseHeaders(const QNetworkReply &reply)
{
    // Names are case-insensitive in HTTP: lower-case keys make `headers.content-type` reliable.
    QVariantMap headers;
    for (const QNetworkReply::RawHeaderPair &pair : reply.rawHeaderPairs()) {
        const QString name = QString::fromLatin1(pair.first).toLower();
        const QString value = QString::fromUtf8(pair.second);
        const QString existing = headers.value(name).toString();
        headers.insert(name, existing.isEmpty() ? value : existing + QStringLiteral(", ") + value);
    }
    return headers;
}

bool isJsonContentType(const QString &contentType)
{
    const QString mime = contentType.section(u';', 0, 0).trimmed().toLower();
    return mime == u"application/json" || mime.endsWith(u"+json") || mime == u"text/json";
}

QString bodySnippet(const QString &body)
{
    QString line = body.section(u'\n', 0, 0).trimmed();
    if (line.size() > kBodySnippet)
        line = line.left(kBodySnippet) + u'…';
    return line;
}

QNetworkRequest makeRequest(const QUrl &url, const NodeConfig &config, const Body &body)
{
    QNetworkRequest request(url);
    const bool follow = config.boolean(QStringLiteral("follow_redirects"));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         follow ? QNetworkRequest::NoLessSafeRedirectPolicy
                                : QNetworkRequest::ManualRedirectPolicy);
    if (!body.contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, body.contentType);
    const QVariantMap headers = config.map(QStringLiteral("headers"));
    for (auto it = headers.cbegin(); it != headers.cend(); ++it)
        request.setRawHeader(it.key().toUtf8(), valueToText(it.value()).toUtf8());
    return request;
}

// Sends the request and spins a local event loop until it finishes, the run is cancelled or the
// deadline passes. Returns false when it was stopped (the reply is aborted then).
bool waitForReply(QNetworkReply *reply, NodeContext &context)
{
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::downloadProgress, &loop,
                     [&context](qint64 received, qint64 total) {
                         if (total > 0)
                             context.progress(double(received) / double(total));
                     });

    bool stopped = false;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (context.isCancelled() || context.deadline().hasExpired()) {
            stopped = true;
            loop.quit();
        }
    });
    poll.start(kCancelPollMs);
    QTimer deadline;
    deadline.setSingleShot(true);
    deadline.setTimerType(Qt::PreciseTimer); // a coarse timer may fire up to 5% early
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] {
        stopped = true;
        loop.quit();
    });
    if (!context.deadline().isForever())
        deadline.start(int(std::clamp<qint64>(context.deadline().remainingTime() + 1, 0, INT_MAX)));

    if (!reply->isFinished())
        loop.exec();
    if (stopped && !reply->isFinished())
        reply->abort();
    return !stopped;
}

} // namespace

void HttpRequestNode::run(NodeContext &context)
{
    const NodeConfig config(context, m_defaults);
    const StopWatch stopWatch(context);
    const QByteArray method = config.string(QStringLiteral("method")).toUpper().toLatin1();
    const QUrl url = requestUrl(config);
    const Body body = requestBody(context, config);
    const QStringList allowStatus = config.stringList(QStringLiteral("allow_status"));
    const QNetworkRequest request = makeRequest(url, config, body);
    const QString what = QString::fromLatin1(method) + u' ' + url.toDisplayString();

    if (stopWatch.shouldStop())
        stopWatch.throwStopped();
    QNetworkAccessManager manager;
    std::unique_ptr<QNetworkReply> reply(
        manager.sendCustomRequest(request, method, body.present ? body.bytes : QByteArray()));
    if (!waitForReply(reply.get(), context))
        stopWatch.throwStopped();

    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttribute.isValid()) // no HTTP response at all: refused, DNS, TLS, ...
        throw NodeError(QStringLiteral("%1 failed: %2").arg(what, reply->errorString()));

    const int status = statusAttribute.toInt();
    const QVariantMap headers = responseHeaders(*reply);
    const QString text = QString::fromUtf8(reply->readAll());
    context.setOutput(QStringLiteral("status"), qint64(status));
    context.setOutput(QStringLiteral("headers"), headers);
    context.setOutput(QStringLiteral("body"), text);
    QVariant json;
    if (isJsonContentType(headers.value(QStringLiteral("content-type")).toString())
        && !text.trimmed().isEmpty()) {
        try {
            json = parseJsonText(text);
        } catch (const NodeError &e) {
            context.log(LogStream::Warn,
                        QStringLiteral("response says it is JSON but is not: ") + e.message());
        }
    }
    context.setOutput(QStringLiteral("json"), json);

    if (statusAllowed(status, allowStatus))
        return;
    QString failure = QStringLiteral("%1 returned HTTP %2").arg(what).arg(status);
    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    if (!reason.isEmpty())
        failure += u' ' + reason;
    if (const QString snippet = bodySnippet(text); !snippet.isEmpty())
        failure += QStringLiteral(": ") + snippet;
    throw NodeError(failure);
}

} // namespace Flow
