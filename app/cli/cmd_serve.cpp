// flowrun serve: runs workflows for WebSocket clients (docs/protocol.md, docs/cli.md).
#include "cliutil.h"
#include "commands.h"
#include "remoteargs.h"
#include "signalpipe.h"

#include "storearchive.h"

#include "history/runstore.h"
#include "remote/eventarchive.h"
#include "remote/remoteserver.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

#include <csignal>

namespace Flow::Cli {
namespace {

struct ServeSetup
{
    Remote::ServerOptions options;
    QString dbPath;
};

// "HOST:PORT", "[V6]:PORT" or ":PORT" (loopback).
bool parseListen(const QString &text, Remote::ServerOptions &options)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon < 0)
        return false;
    QString host = text.left(colon);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return false;
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (host.isEmpty() || host == u"localhost")
        options.address = QHostAddress::LocalHost;
    else if (!options.address.setAddress(host))
        return false;
    options.port = quint16(port);
    return true;
}

bool loadTls(const QString &certPath, const QString &keyPath, Remote::ServerOptions &options)
{
    QFile certFile(certPath);
    QFile keyFile(keyPath);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        printError(QStringLiteral("serve: cannot read %1 or %2").arg(certPath, keyPath));
        return false;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    const QByteArray keyBytes = keyFile.readAll();
    QSslKey key(keyBytes, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyBytes, QSsl::Ec, QSsl::Pem);
    if (chain.isEmpty() || key.isNull()) {
        printError(QStringLiteral("serve: %1 holds no PEM certificate or %2 no PEM key (RSA or EC)")
                       .arg(certPath, keyPath));
        return false;
    }
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setLocalCertificateChain(chain);
    ssl.setPrivateKey(key);
    ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
    options.ssl = ssl;
    return true;
}

std::optional<int> prepare(const QStringList &args, ServeSetup &setup)
{
    CommandParser cmd(QStringLiteral("serve"), QStringLiteral("serve [options]"),
                      QStringLiteral("Runs workflows for remote clients and streams their events over "
                                     "WebSocket (docs/protocol.md).\n"
                                     "A token is required unless it listens on loopback only. SIGTERM or "
                                     "Ctrl-C cancels the running runs, tells the clients and exits 0."));
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("Address and port (default 127.0.0.1:8765; port 0 picks "
                                                   "a free one)."),
                                    QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:8765"));
    const QCommandLineOption tokenFile = RemoteArgs::tokenFileOption(
        QStringLiteral("Clients must send the token in FILE (or $FLOWSTUDIO_TOKEN)."));
    const QCommandLineOption workflows(QStringLiteral("workflows"),
                                       QStringLiteral("Working directory of the runs (default: the "
                                                      "current one)."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption db(QStringLiteral("db"),
                                QStringLiteral("Keep runs and events in this SQLite history (default: the "
                                               "user's, as flowrun run; $FLOWSTUDIO_HISTORY_DB)."),
                                QStringLiteral("FILE"));
    const QCommandLineOption maxRuns(QStringLiteral("max-runs"),
                                     QStringLiteral("Run at most N workflows at once (default 4)."),
                                     QStringLiteral("N"));
    const QCommandLineOption maxClients(QStringLiteral("max-clients"),
                                        QStringLiteral("Accept at most N clients (default 64)."),
                                        QStringLiteral("N"));
    const QCommandLineOption maxQueued(
        QStringLiteral("max-queued-kb"),
        QStringLiteral("Drop a client once more than KB wait to be sent to "
                       "it (default 16384, at least 1024: a frame is up to a few hundred KB)."),
        QStringLiteral("KB"));
    const QCommandLineOption stallTimeout(QStringLiteral("stall-timeout-s"),
                                          QStringLiteral("Drop a client that has read nothing for S seconds "
                                                         "while data waits for it (default 30)."),
                                          QStringLiteral("S"));
    const QCommandLineOption cert(QStringLiteral("cert"),
                                  QStringLiteral("TLS certificate (PEM): serve wss://."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption key(QStringLiteral("key"), QStringLiteral("TLS private key (PEM)."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption name(QStringLiteral("name"),
                                  QStringLiteral("The server's name in welcome messages."),
                                  QStringLiteral("NAME"));
    for (const QCommandLineOption &o :
         {listen, tokenFile, workflows, db, maxRuns, maxClients, maxQueued, stallTimeout, cert, key, name})
        cmd.parser().addOption(o);
    if (auto exit = cmd.parse(args, false))
        return *exit;
    const auto p = cmd.parser();
    if (!cmd.files().isEmpty()) {
        printError(QStringLiteral("serve: unexpected argument '%1'").arg(cmd.files().first()));
        return ExitUsage;
    }
    Remote::ServerOptions &o = setup.options;
    if (!parseListen(p.value(listen), o)) {
        printError(QStringLiteral("serve: --listen needs HOST:PORT, not '%1'").arg(p.value(listen)));
        return ExitUsage;
    }
    const std::optional<QString> token = RemoteArgs::token(p, tokenFile, QStringLiteral("serve"));
    if (!token)
        return ExitUsage;
    o.token = *token;
    if (p.isSet(workflows)) {
        if (!QFileInfo(p.value(workflows)).isDir()) {
            printError(QStringLiteral("serve: --workflows: %1 is not a directory").arg(p.value(workflows)));
            return ExitUsage;
        }
        o.workingDirectory = QFileInfo(p.value(workflows)).absoluteFilePath();
    }
    if (p.isSet(name))
        o.name = p.value(name);
    const QString command = QStringLiteral("serve");
    if (auto exit = RemoteArgs::number(p, maxRuns, 1, o.maxRuns, command))
        return exit;
    if (auto exit = RemoteArgs::number(p, maxClients, 1, o.maxClients, command))
        return exit;
    qint64 queuedKb = o.maxQueuedBytes >> 10;
    if (auto exit = RemoteArgs::number(p, maxQueued, qint64(1024), queuedKb, command))
        return exit;
    o.maxQueuedBytes = queuedKb << 10;
    int stallSeconds = o.stallTimeoutMs / 1000;
    if (auto exit = RemoteArgs::number(p, stallTimeout, 1, stallSeconds, command))
        return exit;
    o.stallTimeoutMs = stallSeconds * 1000;
    if (p.isSet(cert) != p.isSet(key)) {
        printError(QStringLiteral("serve: --cert and --key go together"));
        return ExitUsage;
    }
    if (p.isSet(cert) && !loadTls(p.value(cert), p.value(key), o))
        return ExitUsage;
    setup.dbPath = p.value(db);
    return std::nullopt;
}

} // namespace

int serveCommand(const QStringList &args)
{
    ServeSetup setup;
    if (std::optional<int> exit = prepare(args, setup))
        return *exit;
    // The same history as `flowrun run`: replays survive a restart, and a run this server was
    // running when it died is found `interrupted` by the next start (RunStore marks it on open).
    RunStore store(setup.dbPath.isEmpty() ? RunStore::defaultPath() : setup.dbPath);
    StoreArchive storeArchive(&store);
    Remote::MemoryArchive memoryArchive;
    Remote::EventArchive *archive = &storeArchive;
    QString loadError;
    if (!store.waitForOpen()) {
        printError(
            QStringLiteral("serve: warning: runs are kept in memory only: %1").arg(store.errorString()));
        archive = &memoryArchive;
    } else {
        const int loaded = storeArchive.load(200, &loadError);
        if (loaded < 0)
            printError(QStringLiteral("serve: warning: cannot read the history %1: %2")
                           .arg(store.path(), loadError));
        else
            printErr(QStringLiteral("flowrun serve: history %1 (%2 runs)\n").arg(store.path()).arg(loaded));
    }
    Remote::RemoteServer server(setup.options, archive);
    QObject::connect(&server, &Remote::RemoteServer::logLine, &server,
                     [](const QString &line) { printErr(QStringLiteral("flowrun serve: %1\n").arg(line)); });
    QString error;
    if (!server.listen(&error)) {
        printError(QStringLiteral("serve: %1").arg(error));
        return ExitUsage;
    }
    printErr(QStringLiteral("flowrun serve: listening on %1%2\n")
                 .arg(server.url().toString(),
                      setup.options.token.isEmpty() ? QStringLiteral(" (no token)") : QString()));
    SignalPipe signals_;
    QObject::connect(&signals_, &SignalPipe::received, &server, [&server](int signal) {
        server.shutdown(signal == SIGTERM ? QStringLiteral("server shutting down (SIGTERM)")
                                          : QStringLiteral("server shutting down (interrupted)"));
    });
    QObject::connect(&server, &Remote::RemoteServer::stopped, qApp, &QCoreApplication::quit);
    QCoreApplication::exec();
    printErr(QStringLiteral("flowrun serve: stopped\n"));
    return ExitOk;
}

} // namespace Flow::Cli
