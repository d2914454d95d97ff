// One server, one run of N events, C clients each in a thread of its own, on loopback. Prints JSON:
// events/s delivered to each client (from the start request to its run.finished), the lag of the
// slowest client behind the server's run.finished, and the server's peak resident memory.
#include "serverprocess.h"

#include "remote/remoteclient.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <memory>

using namespace Flow;
using namespace Flow::Remote;

namespace {

// Lives in its own thread with its client: counts what arrives, notes when run.finished did.
class Follower : public QObject
{
    Q_OBJECT

public:
    explicit Follower(const QUrl &url)
    {
        m_client = new RemoteClient(this);
        m_client->setUrl(url);
        connect(m_client, &RemoteClient::welcomed, this, &Follower::ready);
        connect(m_client, &RemoteClient::events, this, [this](const QString &, const RunEvents &events) {
            m_count += qint64(events.size());
            if (events.constLast().kind == EventKind::RunFinished) {
                m_finishedAt = QDateTime::currentMSecsSinceEpoch();
                m_serverFinishedAt = events.constLast().time;
                emit done();
            }
        });
    }
    void open() { m_client->open(); }
    void follow(const QString &run) { m_client->subscribe(run, 0); }
    RemoteClient *client() const { return m_client; }

    qint64 m_count = 0;
    qint64 m_finishedAt = 0;
    qint64 m_serverFinishedAt = 0;

signals:
    void ready();
    void done();

private:
    RemoteClient *m_client;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int events = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 200'000;
    const int clients = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 20;
    QTemporaryDir dir;
    ServerProcess server;
    // A history of its own in the temporary directory: never the user's.
    if (!server.start(0, {QStringLiteral("--workflows"), dir.path(), QStringLiteral("--db"),
                          dir.filePath(QStringLiteral("bench.db"))})) {
        std::fprintf(stderr, "bench_remote: cannot start flowrun serve\n");
        return 1;
    }
    // run.started, node.queued, node.started, node.succeeded, run.finished around the lines.
    const QString yaml
        = QStringLiteral("flowstudio: 1\nname: Stream\nnodes:\n  print:\n    type: shell.exec\n"
                         "    config: {command: \"seq 1 %1\"}\n")
              .arg(events - 5);

    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<Follower *> followers;
    int ready = 0;
    int done = 0;
    QEventLoop loop;
    for (int i = 0; i < clients; ++i) {
        auto thread = std::make_unique<QThread>();
        auto *f = new Follower(server.url());
        f->moveToThread(thread.get());
        QObject::connect(f, &Follower::ready, &loop, [&] {
            if (++ready == clients)
                loop.quit();
        });
        QObject::connect(f, &Follower::done, &loop, [&] {
            if (++done == clients)
                loop.quit();
        });
        thread->start();
        QMetaObject::invokeMethod(f, &Follower::open);
        followers.push_back(f);
        threads.push_back(std::move(thread));
    }
    loop.exec();

    RemoteClient starter;
    starter.setUrl(server.url());
    QSignalSpy welcomed(&starter, &RemoteClient::welcomed);
    starter.open();
    welcomed.wait(10000);
    QSignalSpy started(&starter, &RemoteClient::started);
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    starter.start(yaml);
    started.wait(10000);
    const QString run = started.value(0).value(1).toString();
    for (Follower *f : followers)
        QMetaObject::invokeMethod(f, [f, run] { f->follow(run); });
    loop.exec();

    QJsonArray rates;
    double slowestRate = 1e18;
    qint64 worstLag = 0;
    for (Follower *f : followers) {
        const double seconds = double(f->m_finishedAt - t0) / 1000.0;
        const double rate = double(f->m_count) / seconds;
        rates.append(qRound(rate));
        slowestRate = std::min(slowestRate, rate);
        worstLag = std::max(worstLag, f->m_finishedAt - f->m_serverFinishedAt);
    }
    double load = 0;
    if (FILE *f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &load) != 1)
            load = 0;
        std::fclose(f);
    }
    constexpr double targetRate = 100'000; // issue 11: events/s delivered to each client
    const QJsonObject result{{"benchmark", "remote_stream"},
                             {"events", qint64(followers.front()->m_count)},
                             {"clients", clients},
                             {"events_per_second_per_client", rates},
                             {"slowest_client_events_per_second", qRound(slowestRate)},
                             {"target_events_per_second_per_client", targetRate},
                             {"pass", slowestRate >= targetRate},
                             {"slowest_client_lag_ms", worstLag},
                             {"server_peak_rss_mb", double(server.peakRssKb()) / 1024.0},
                             {"cores", QThread::idealThreadCount()},
                             {"load_average", load}};
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Indented).constData());
    for (Follower *f : followers)
        QMetaObject::invokeMethod(
            f, [f] { delete f; }, Qt::BlockingQueuedConnection);
    for (auto &t : threads) {
        t->quit();
        t->wait();
    }
    return 0;
}

#include "bench_remote.moc"
