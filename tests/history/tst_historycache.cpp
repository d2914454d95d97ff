// The result cache of `cache: true` nodes over the run history, through real `flowrun` processes and
// a real database file: a hit in a later process names the run that computed it (node.cached {run},
// `flowrun show --json` from_run), side-effect files prove the node ran once, and whatever changes
// the node's work (its config), --no-history, or deleting the source run misses.
#include "runs/runevent.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Flow;

namespace {

RunEvents parseNdjson(const QByteArray &text)
{
    RunEvents events;
    for (const QByteArray &line : text.split('\n')) {
        if (std::optional<RunEvent> e = line.isEmpty() ? std::nullopt : RunEvent::fromJsonLine(line))
            events.append(*e);
    }
    return events;
}

const RunEvent *find(const RunEvents &events, EventKind kind, const QString &node)
{
    for (const RunEvent &e : events) {
        if (e.kind == kind && e.node == node)
            return &e;
    }
    return nullptr;
}

// `work` is cached and leaves a mark each time it really runs; `use` is not cached and reads it.
QByteArray workflow(const QByteArray &workCommand)
{
    return "flowstudio: 1\nname: Cached\nnodes:\n"
           "  work:\n    type: shell.exec\n    cache: true\n"
           "    config: {command: \""
           + workCommand
           + "\"}\n"
             "  use:\n    type: shell.exec\n"
             "    config: {command: \"echo use >> effects.txt; echo got ${{ nodes.work.outputs.stdout "
             "}}\"}\n";
}

const QByteArray Work = "echo work >> effects.txt; echo 42";

} // namespace

class tst_HistoryCache : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void hitInLaterProcessNamesItsRun();
    void misses_data();
    void misses();

private:
    QString write(const QByteArray &yaml);
    int count(const QByteArray &effect) const;
    // A `flowrun run --json` of `file`; its events, empty when it did not succeed.
    RunEvents run(const QString &file, const QStringList &extra = {});
    int flowrunExit(const QStringList &args, QByteArray *out = nullptr);
    QString db() const { return m_dir->filePath("history.db"); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_HistoryCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_HistoryCache::cleanup()
{
    m_dir.reset();
}

QString tst_HistoryCache::write(const QByteArray &yaml)
{
    const QString path = m_dir->filePath("cached.yaml");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(yaml) != yaml.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

int tst_HistoryCache::count(const QByteArray &effect) const
{
    QFile f(m_dir->filePath("effects.txt"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    int n = 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        n += line == effect;
    return n;
}

int tst_HistoryCache::flowrunExit(const QStringList &args, QByteArray *out)
{
    QProcess p;
    p.setWorkingDirectory(m_dir->path());
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel); // its errors in the test log
    p.start(QStringLiteral(FLOWRUN_PATH), args);
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    if (out)
        *out = p.readAllStandardOutput();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

RunEvents tst_HistoryCache::run(const QString &file, const QStringList &extra)
{
    QByteArray out;
    if (flowrunExit(QStringList{"run", "--json"} + extra + QStringList{file}, &out) != 0)
        return {};
    return parseNdjson(out);
}

void tst_HistoryCache::hitInLaterProcessNamesItsRun()
{
    const QString wf = write(workflow(Work));
    const RunEvents first = run(wf, {"--db", db()});
    QVERIFY(!first.isEmpty());
    QVERIFY(find(first, EventKind::NodeSucceeded, "work"));
    const RunEvents second = run(wf, {"--db", db()});
    QVERIFY(!second.isEmpty());
    const RunEvent *cached = find(second, EventKind::NodeCached, "work");
    QVERIFY(cached);
    QCOMPARE(cached->data.value("run").toString(), first.first().run);
    QCOMPARE(cached->data.value("outputs").toMap().value("stdout").toString().trimmed(),
             QStringLiteral("42"));
    // `work` ran once in all; `use` (not cached) each time, fed the cached output.
    QCOMPARE(count("work"), 1);
    QCOMPARE(count("use"), 2);
    QVERIFY(find(second, EventKind::NodeSucceeded, "use"));

    QByteArray shown;
    QCOMPARE(flowrunExit({"show", second.first().run, "--json", "--db", db()}, &shown), 0);
    const QJsonObject record = QJsonDocument::fromJson(shown).object();
    QCOMPARE(record.value("nodes").toObject().value("cached").toInt(), 1);
    QJsonObject work;
    for (const QJsonValue &v : record.value("node_results").toArray()) {
        if (v.toObject().value("node").toString() == u"work")
            work = v.toObject();
    }
    QCOMPARE(work.value("state").toString(), QStringLiteral("cached"));
    QCOMPARE(work.value("from_run").toString(), first.first().run);
    QByteArray text;
    QCOMPARE(flowrunExit({"show", second.first().run, "--db", db()}, &text), 0);
    const QByteArray from = "from run " + first.first().run.left(8).toUtf8();
    QVERIFY2(text.contains(from), text.constData());
}

void tst_HistoryCache::misses_data()
{
    QTest::addColumn<QByteArray>("secondCommand");
    QTest::addColumn<QStringList>("secondOptions");
    QTest::addColumn<bool>("pruneFirst");
    QTest::newRow("config changed") << QByteArray(Work + "; true") << QStringList{"--db", "DB"} << false;
    QTest::newRow("no history") << Work << QStringList{"--no-history"} << false;
    QTest::newRow("source run pruned") << Work << QStringList{"--db", "DB"} << true;
}

void tst_HistoryCache::misses()
{
    QFETCH(QByteArray, secondCommand);
    QFETCH(QStringList, secondOptions);
    QFETCH(bool, pruneFirst);
    secondOptions.replaceInStrings(QStringLiteral("DB"), db());
    QVERIFY(!run(write(workflow(Work)), {"--db", db()}).isEmpty());
    if (pruneFirst)
        QCOMPARE(flowrunExit({"prune", "--keep", "0", "--db", db()}), 0);
    const RunEvents second = run(write(workflow(secondCommand)), secondOptions);
    QVERIFY(!second.isEmpty());
    QVERIFY(!find(second, EventKind::NodeCached, "work"));
    QVERIFY(find(second, EventKind::NodeSucceeded, "work"));
    QCOMPARE(count("work"), 2);
}

QTEST_GUILESS_MAIN(tst_HistoryCache)
#include "tst_historycache.moc"
