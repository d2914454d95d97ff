// RunStore and StoreDb on real SQLite files in one process: schema, migration from version 1,
// files that are not ours, the outputs cap, group commit, recovery of interrupted runs, and runs
// seeded with stored outputs, the result cache over the file.
#include "executor/run.h"
#include "history/runstore.h"
#include "history/storedb.h"
#include "history/storenodecache.h"
#include "history/storeschema.h"
#include "model/workflowio.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Flow;

namespace {

RunEvent event(const QString &run, qint64 seq, EventKind kind, const QString &node = {},
               QVariantMap data = {})
{
    RunEvent e;
    e.run = run;
    e.seq = seq;
    e.time = 1700000000000 + seq;
    e.node = node;
    e.kind = kind;
    e.data = std::move(data);
    return e;
}

// A small finished run: one node succeeded with `outputs`, one failed.
RunEvents smallRun(const QString &run, const QVariantMap &outputs)
{
    return {event(run, 1, EventKind::RunStarted, {},
                  {{"name", "Small"}, {"nodes", QVariantList{"a", "b"}}, {"params", QVariantMap{{"n", 3}}}}),
            event(run, 2, EventKind::NodeStarted, "a"),
            // Every character JSON must escape, and some that it need not.
            event(run, 3, EventKind::NodeLog, "a",
                  {{"stream", "stdout"},
                   {"line", QString::fromUtf8("hi \"q\" \\ \t\n\r\x01 \xc3\xbc \xe2\x82\xac")}}),
            event(run, 4, EventKind::NodeSucceeded, "a", {{"duration", 5}, {"outputs", outputs}}),
            event(run, 5, EventKind::NodeStarted, "b"),
            event(run, 6, EventKind::NodeFailed, "b", {{"error", "boom"}}),
            event(run, 7, EventKind::RunFinished, {},
                  {{"status", "failed"}, {"error", "node 'b' failed: boom"}})};
}

RunRecord record(const QString &id)
{
    RunRecord r;
    r.id = id;
    r.file = QStringLiteral("/tmp/small.yaml");
    r.workflowText = QStringLiteral("flowstudio: 1\n");
    return r;
}

} // namespace

class tst_HistoryStore : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void outputsCap_data();
    void outputsCap();
    void notOurs_data();
    void notOurs();
    void migratesVersionOne();
    void interruptedWhenRecorderIsGone();
    void storeCommitsInBatchesAndSignals();
    void prune();
    void seededRunSkipsStoredNodes();
    void nodeCacheAcrossConnections();

private:
    QTemporaryDir m_dir;
};

void tst_HistoryStore::roundTrip()
{
    const QString path = m_dir.filePath("roundtrip.db");
    StoreDb db;
    QVERIFY2(db.open(path), qPrintable(db.errorString()));
    QVERIFY2(db.beginRun(record("r1")), qPrintable(db.errorString()));
    const RunEvents events = smallRun("r1", {{"x", 1}, {"list", QVariantList{1, "two"}}});
    QVERIFY(db.append(events.first(3)));
    QVERIFY(db.append(events.mid(3)));
    QCOMPARE(db.openRuns(), 0); // run.finished closes it

    StoreDb reader;
    QVERIFY(reader.open(path, StoreDb::OpenMode::ExistingOnly));
    QCOMPARE(reader.events("r1"), events);
    QCOMPARE(reader.events("r1", 4, 2), events.mid(4, 2));
    const std::optional<RunRecord> r = reader.run("r");
    QVERIFY(r);
    QCOMPARE(r->status, QStringLiteral("failed"));
    QCOMPARE(r->name, QStringLiteral("Small"));
    QCOMPARE(r->params.value("n").toInt(), 3);
    QCOMPARE(r->nodes, 2);
    QCOMPARE(r->succeeded, 1);
    QCOMPARE(r->failed, 1);
    QCOMPARE(r->events, 7);
    QCOMPARE(r->ended, events.last().time);
    QCOMPARE(r->workflowText, QStringLiteral("flowstudio: 1\n"));
    // The final state was stored with run.finished: the same as folding every event.
    QCOMPARE(r->finalState, RunState::fold(events).snapshot());
    const QHash<QString, QVariantMap> outputs = reader.succeededOutputs("r1");
    QCOMPARE(outputs.keys(), QStringList{"a"});
    QCOMPARE(outputs.value("a").value("list").toList().size(), 2);
    QCOMPARE(reader.runs({}).size(), 1);
    QCOMPARE(reader.runs(RunFilter{0, "succeeded", {}, {}}).size(), 0);
}

void tst_HistoryStore::outputsCap_data()
{
    QTest::addColumn<int>("bytes");
    QTest::addColumn<bool>("kept");
    QTest::newRow("small") << 100 << true;
    QTest::newRow("over the cap") << 5000 << false;
}

void tst_HistoryStore::outputsCap()
{
    QFETCH(int, bytes);
    QFETCH(bool, kept);
    const QString path = m_dir.filePath(QStringLiteral("cap-%1.db").arg(bytes));
    StoreDb db;
    StoreOptions options;
    options.outputsCap = 1000;
    QVERIFY(db.open(path, StoreDb::OpenMode::Create, options));
    QVERIFY(db.beginRun(record("cap")));
    QVERIFY(db.append(smallRun("cap", {{"text", QString(bytes, u'x')}})));
    QCOMPARE(db.succeededOutputs("cap").contains("a"), kept);
    const RunEvent stored = db.events("cap").at(3);
    QCOMPARE(stored.kind, EventKind::NodeSucceeded);
    QCOMPARE(stored.data.value("outputs").toMap().value("text").toString().size(), kept ? bytes : 0);
    QCOMPARE(stored.data.contains("outputs_truncated"), !kept);
    const QList<NodeResult> results = db.nodeResults("cap");
    const auto a
        = std::find_if(results.begin(), results.end(), [](const NodeResult &n) { return n.node == "a"; });
    QVERIFY(a != results.end());
    QCOMPARE(a->state, QStringLiteral("succeeded"));
    QCOMPARE(a->outputs.has_value(), kept);
}

void tst_HistoryStore::notOurs_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::newRow("garbage") << QByteArray(8192, 'z') << "the file was left untouched";
    QByteArray header("SQLite format 3\0", 16);
    QTest::newRow("truncated sqlite header") << header + QByteArray(100, '\x01') << "left untouched";
}

void tst_HistoryStore::notOurs()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    const QString path = m_dir.filePath(QStringLiteral("corrupt-%1.db").arg(QTest::currentDataTag()));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    StoreDb db;
    QVERIFY(!db.open(path));
    QVERIFY2(db.errorString().contains(message), qPrintable(db.errorString()));
    QVERIFY(db.errorString().contains(path));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), content);
}

void tst_HistoryStore::migratesVersionOne()
{
    const QString path = m_dir.filePath("v1.db");
    QVERIFY(QFile::copy(QStringLiteral(FLOW_HISTORY_DATA "/v1.db"), path));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    StoreDb db;
    QVERIFY2(db.open(path), qPrintable(db.errorString()));
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase("QSQLITE", "raw-v1");
        raw.setDatabaseName(path);
        QVERIFY(raw.open());
        QSqlQuery q(raw);
        QVERIFY(q.exec("PRAGMA user_version") && q.next());
        QCOMPARE(q.value(0).toInt(), StoreSchema::Current);
    }
    QSqlDatabase::removeDatabase("raw-v1");
    // The crashed run of version 1 (status running, nobody recording it) is found interrupted.
    QCOMPARE(db.markInterrupted(), QStringList{"22222222-bbbb-4000-8000-000000000002"});
    const QList<RunRecord> runs = db.runs();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(0).status, QStringLiteral("interrupted"));
    const RunRecord &failed = runs.at(1);
    QCOMPARE(failed.status, QStringLiteral("failed"));
    QCOMPARE(failed.name, QStringLiteral("Greet"));
    QCOMPARE(failed.params.value("who").toString(), QStringLiteral("v1"));
    QCOMPARE(failed.nodes, 2);
    QCOMPARE(failed.succeeded, 1);
    QCOMPARE(failed.failed, 1);
    QCOMPARE(failed.events, 9);
    QVERIFY(failed.error.contains("shout"));
    QVERIFY(db.run(failed.id)->finalState.isEmpty()); // older runs replay their events, as before
    const RunEvents events = db.events(failed.id);
    QCOMPARE(events.size(), 9);
    QCOMPARE(events.at(3).data.value("line").toString(), QStringLiteral("hello v1"));
    QCOMPARE(db.succeededOutputs(failed.id).value("hello").value("stdout").toString(),
             QStringLiteral("hello v1\n"));
    // And it takes new runs.
    QVERIFY(db.beginRun(record("after-migration")));
    QVERIFY(db.append(smallRun("after-migration", {})));
    QCOMPARE(db.runs().size(), 3);
}

void tst_HistoryStore::interruptedWhenRecorderIsGone()
{
    const QString path = m_dir.filePath("interrupted.db");
    {
        StoreDb db;
        QVERIFY(db.open(path));
        QVERIFY(db.beginRun(record("mine")));
        QVERIFY(db.beginRun(record("dead")));
        QVERIFY(db.append(smallRun("mine", {}).first(2) + smallRun("dead", {}).first(3)));
    }
    // "dead" was recorded by a process that no longer exists: a child that has exited.
    QProcess child;
    child.start("true");
    QVERIFY(child.waitForFinished());
    const qint64 deadPid = child.processId() ? child.processId() : 999999;
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase("QSQLITE", "raw-int");
        raw.setDatabaseName(path);
        QVERIFY(raw.open());
        QSqlQuery q(raw);
        QVERIFY(q.exec(QStringLiteral("UPDATE runs SET pid = 2147483000 WHERE uuid = 'dead'")));
        Q_UNUSED(deadPid)
    }
    QSqlDatabase::removeDatabase("raw-int");
    StoreDb other;
    QVERIFY(other.open(path));
    // "mine" belongs to this (living) process and stays running.
    QCOMPARE(other.markInterrupted(), QStringList{"dead"});
    const std::optional<RunRecord> dead = other.run("dead");
    QCOMPARE(dead->status, QStringLiteral("interrupted"));
    QVERIFY(dead->ended >= smallRun("dead", {}).at(2).time); // the last sign of life: its heartbeat
    QVERIFY(dead->error.contains("2147483000"));
    QCOMPARE(other.run("mine")->status, QStringLiteral("running"));
}

void tst_HistoryStore::storeCommitsInBatchesAndSignals()
{
    const QString path = m_dir.filePath("store.db");
    RunStore store(path);
    QSignalSpy committed(&store, &RunStore::committed);
    QVERIFY(store.waitForOpen());
    store.beginRun(record("live"));
    const RunEvents events = smallRun("live", {{"v", 2}});
    for (const RunEvent &e : events)
        store.append({e});
    QVERIFY(store.flush(5000));
    QCOMPARE(store.uncommitted(), 0);
    QTRY_VERIFY(!committed.isEmpty() && committed.last().at(1).toLongLong() == events.size());
    // A reader in this process, through the store's own reader thread.
    QList<RunRecord> listed;
    QSignalSpy done(this, &QObject::objectNameChanged);
    store.listRuns({}, this, [&](const QList<RunRecord> &runs, const QString &) {
        listed = runs;
        setObjectName("listed");
    });
    QVERIFY(done.wait(5000));
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().status, QStringLiteral("failed"));
    RunEvents read;
    bool last = false;
    store.readEvents("live", 0, 3, this, [&](const RunEvents &batch, bool isLast) {
        read += batch;
        last = isLast;
    });
    QTRY_VERIFY(last);
    QCOMPARE(read, events);
}

void tst_HistoryStore::prune()
{
    const QString path = m_dir.filePath("prune.db");
    StoreDb db;
    QVERIFY(db.open(path));
    for (int i = 0; i < 5; ++i) {
        const QString id = QStringLiteral("p%1").arg(i);
        RunRecord r = record(id);
        r.started = 1000 + i;
        QVERIFY(db.beginRun(r));
        QVERIFY(db.append(smallRun(id, {})));
    }
    RunRecord running = record("still");
    running.started = 1;
    QVERIFY(db.beginRun(running));
    QCOMPARE(db.prune(2, std::nullopt), 3);
    QStringList left;
    for (const RunRecord &r : db.runs())
        left.append(r.id);
    QCOMPARE(left, (QStringList{"p4", "p3", "still"}));
    QVERIFY(db.events("p0").isEmpty());
    QCOMPARE(db.events("p4").size(), 7);
}

void tst_HistoryStore::seededRunSkipsStoredNodes()
{
    const QByteArray yaml = "flowstudio: 1\nname: Seeded\nnodes:\n"
                            "  a:\n    type: debug.log\n    config: {message: fresh}\n"
                            "  b:\n    type: debug.log\n"
                            "    config: {message: \"got ${{ nodes.a.outputs.message }}\"}\n";
    LoadResult loaded = loadAndValidate(yaml, nullptr);
    QVERIFY(loaded.ok());
    const Workflow wf = *loaded.workflow;
    const SeedPlan plan = planSeed(wf, wf, {{"a", QVariantMap{{"message", "stored"}}}}, "old-run");
    QCOMPARE(plan.rerun, QStringList{"b"});
    RunOptions options;
    options.seed = plan.seed;
    Run run(wf, builtinNodeRegistry(), options);
    RunEvents events;
    connect(&run, &Run::eventOccurred, this, [&](const RunEvent &e) { events.append(e); });
    QSignalSpy finished(&run, &Run::finished);
    run.start();
    QVERIFY(finished.wait(10000));
    QCOMPARE(run.status(), RunStatus::Succeeded);
    QCOMPARE(events.first().data.value("continues").toString(), QStringLiteral("old-run"));
    const auto a
        = std::find_if(events.begin(), events.end(), [](const RunEvent &e) { return e.node == "a"; });
    QCOMPARE(a->kind, EventKind::NodeCached);
    QCOMPARE(a->data.value("run").toString(), QStringLiteral("old-run"));
    QCOMPARE(std::count_if(events.begin(), events.end(), [](const RunEvent &e) { return e.node == "a"; }), 1);
    QCOMPARE(run.nodeOutputs("b").value("message").toString(), QStringLiteral("got stored"));
}

// StoreNodeCache from worker threads: what one cache stored, another on the same file (another
// connection, as another process has) finds with the run that computed it; results over the cap
// are not kept; deleting the run forgets them.
void tst_HistoryStore::nodeCacheAcrossConnections()
{
    const QString path = m_dir.filePath("cache.db");
    StoreDb db;
    QVERIFY(db.open(path));
    QVERIFY(db.beginRun(record("maker")));
    QVERIFY(db.append(smallRun("maker", {})));
    const QVariantMap outputs{{"value", 42}, {"text", QString::fromUtf8("\xc3\xbc")}};
    const QVariantMap huge{{"text", QString(2 * 1024 * 1024, u'x')}};
    {
        StoreNodeCache cache(path);
        bool missed = false;
        QThread *worker = QThread::create([&] {
            missed = !cache.lookup("k1");
            cache.store("k1", outputs, "maker");
            cache.store("big", huge, "maker");
        });
        worker->start();
        QVERIFY(worker->wait(10000));
        delete worker;
        QVERIFY(missed);
    } // closing writes what was queued
    StoreNodeCache other(path);
    std::optional<CacheHit> hit;
    QThread *worker = QThread::create([&] { hit = other.lookup("k1"); });
    worker->start();
    QVERIFY(worker->wait(10000));
    delete worker;
    QVERIFY(hit);
    QCOMPARE(hit->outputs, outputs);
    QCOMPARE(hit->fromRun, QStringLiteral("maker"));
    QVERIFY(!db.lookupCached("big"));
    QCOMPARE(db.remove({"maker"}), 1);
    QVERIFY(!db.lookupCached("k1"));
}

QTEST_GUILESS_MAIN(tst_HistoryStore)
#include "tst_historystore.moc"
