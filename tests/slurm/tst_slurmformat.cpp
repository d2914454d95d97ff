// The YAML side of the Slurm backend: `backend:` and `slurm:` on nodes and in settings read, write
// back unchanged, and wrong values are clear errors at their place.
#include "model/workflowio.h"

#include <QTest>

using namespace Flow;

class tst_SlurmFormat : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void readsFields();
    void errors_data();
    void errors();
    void timeArgument_data();
    void timeArgument();
};

namespace {

const QByteArray kCanonical = "flowstudio: 1\n"
                              "name: cluster\n"
                              "settings:\n"
                              "  backend: slurm\n"
                              "  slurm: {partition: debug, mem: 1G}\n"
                              "nodes:\n"
                              "  big:\n"
                              "    type: shell.exec\n"
                              "    config: {command: make -j8}\n"
                              "    slurm:\n"
                              "      time: \"1:30:00\"\n"
                              "      cpus: 8\n"
                              "      mem: 16G\n"
                              "      extra_args: [\"--qos=long\", \"--exclusive\"]\n"
                              "  report:\n"
                              "    type: shell.exec\n"
                              "    config: {command: ls}\n"
                              "    backend: local\n"
                              "    after: [big]\n";

} // namespace

void tst_SlurmFormat::roundTrip()
{
    const LoadResult read = readWorkflow(kCanonical);
    QVERIFY2(read.ok(),
             qPrintable(read.diagnostics.isEmpty() ? QString() : read.diagnostics.first().message));
    const QByteArray written = writeWorkflow(*read.workflow);
    QCOMPARE(QString::fromUtf8(written).split(u'\n'), QString::fromUtf8(kCanonical).split(u'\n'));
}

void tst_SlurmFormat::readsFields()
{
    const LoadResult read = readWorkflow(kCanonical);
    QVERIFY(read.ok());
    const Workflow &w = *read.workflow;
    QCOMPARE(w.settings.backend, std::optional(Backend::Slurm));
    QCOMPARE(w.settings.slurm->partition, std::optional<QString>("debug"));
    const Node *big = w.node(u"big");
    QVERIFY(!big->backend); // from settings
    const SlurmOptions merged = big->slurm->over(*w.settings.slurm);
    QCOMPARE(merged.partition, std::optional<QString>("debug"));
    QCOMPARE(merged.mem, std::optional<QString>("16G")); // the node's own wins
    QCOMPARE(merged.cpus, std::optional(8));
    QCOMPARE(merged.extraArgs, (QStringList{"--qos=long", "--exclusive"}));
    QCOMPARE(w.node(u"report")->backend, std::optional(Backend::Local));
}

void tst_SlurmFormat::errors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("backend word")
        << QByteArray("    backend: cluster\n")
        << "4:14: error: 'backend' of node 'a' must be local or slurm, not 'cluster'";
    QTest::newRow("unknown key") << QByteArray("    slurm: {partiton: x}\n")
                                 << "4:13: error: unknown key 'partiton' in 'slurm' of node 'a'";
    QTest::newRow("cpus") << QByteArray("    slurm: {cpus: 0}\n")
                          << "4:19: error: 'cpus' in 'slurm' of node 'a'";
    QTest::newRow("mem") << QByteArray("    slurm: {mem: lots}\n")
                         << "4:18: error: 'mem' in 'slurm' of node 'a' must be a size";
    QTest::newRow("time") << QByteArray("    slurm: {time: soon}\n")
                          << "4:19: error: 'time' in 'slurm' of node 'a' must be";
    QTest::newRow("extra_args") << QByteArray("    slurm: {extra_args: {a: 1}}\n")
                                << "'extra_args' in 'slurm' of node 'a' must be a list";
    QTest::newRow("slurm not a map") << QByteArray("    slurm: 3\n")
                                     << "4:12: error: 'slurm' of node 'a' must be";
}

void tst_SlurmFormat::errors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    const LoadResult read = readWorkflow("flowstudio: 1\nnodes:\n  a:\n" + body + "    type: shell.exec\n");
    QVERIFY(!read.ok());
    QStringList all;
    for (const Diagnostic &d : read.diagnostics)
        all.append(d.format(QString()));
    QVERIFY2(all.join(u'\n').contains(message), qPrintable(all.join(u'\n')));
}

void tst_SlurmFormat::timeArgument_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("argument"); // empty: rejected
    QTest::newRow("minutes") << "30"
                             << "30";
    QTest::newRow("h:m:s") << "1:30:00"
                           << "1:30:00";
    QTest::newRow("days") << "2-12"
                          << "2-12";
    QTest::newRow("duration rounds up") << "90s"
                                        << "2";
    QTest::newRow("short duration") << "500ms"
                                    << "1";
    QTest::newRow("hours") << "2h"
                           << "120";
    QTest::newRow("unlimited") << "UNLIMITED"
                               << "UNLIMITED";
    QTest::newRow("words") << "soon"
                           << "";
    QTest::newRow("bad seconds") << "1:300"
                                 << "";
}

void tst_SlurmFormat::timeArgument()
{
    QFETCH(QString, text);
    QFETCH(QString, argument);
    QCOMPARE(slurmTimeArgument(text).value_or(QString()), argument);
}

QTEST_GUILESS_MAIN(tst_SlurmFormat)
#include "tst_slurmformat.moc"
