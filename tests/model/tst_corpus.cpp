// Data-driven checks over files: every example and valid file loads cleanly and is stable under
// write/read; every malformed file gives exactly the diagnostics its `.expected` sidecar lists.
#include "nodes/registry.h"
#include "model/validator.h"
#include "model/workflowio.h"
#include "workflowcompare.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace Flow;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    return file.readAll();
}

void addFileRows(const QString &dir, const QString &pattern)
{
    QTest::addColumn<QString>("path");
    const QStringList files = QDir(dir).entryList({pattern}, QDir::Files, QDir::Name);
    QVERIFY2(!files.isEmpty(), qPrintable("no files in " + dir));
    for (const QString &name : files)
        QTest::newRow(qPrintable(name)) << QDir(dir).filePath(name);
}

QString listed(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines.append(QStringLiteral("%1:%2: %3").arg(d.pos.line).arg(d.pos.column).arg(d.message));
    return lines.join(u'\n');
}

const NodeTypeCatalog *catalog()
{
    return Flow::builtinCatalog();
}

} // namespace

class TestCorpus : public QObject
{
    Q_OBJECT

private slots:
    void examplesAreCanonicalAndValid_data()
    {
        addFileRows(QStringLiteral(FLOW_SOURCE_DIR "/resources/examples"), "*.yaml");
    }
    void examplesAreCanonicalAndValid()
    {
        QFETCH(QString, path);
        const QByteArray text = readFile(path);
        const LoadResult loaded = loadAndValidate(text, catalog());
        QVERIFY2(loaded.diagnostics.isEmpty(), qPrintable(listed(loaded.diagnostics)));
        QVERIFY(loaded.ok());
        const QByteArray written = writeWorkflow(*loaded.workflow);
        QCOMPARE(QString::fromUtf8(written), QString::fromUtf8(text)); // canonical as written
        QCOMPARE(writeWorkflow(*loaded.workflow), written);            // deterministic
        const LoadResult again = readWorkflow(written);
        QVERIFY(again.ok());
        QCOMPARE(Test::differences(*again.workflow, *loaded.workflow), QString());
        QVERIFY(loaded.workflow->nodes.size() >= 3);
    }

    void validFilesLoadCleanly_data()
    {
        addFileRows(QStringLiteral(FLOW_SOURCE_DIR "/tests/data/valid"), "*.yaml");
    }
    void validFilesLoadCleanly()
    {
        QFETCH(QString, path);
        const LoadResult loaded = loadAndValidate(readFile(path), catalog());
        QVERIFY2(loaded.diagnostics.isEmpty(), qPrintable(listed(loaded.diagnostics)));
        QVERIFY(loaded.ok());
        // Not canonical as written, but canonical after one write.
        const QByteArray written = writeWorkflow(*loaded.workflow);
        const LoadResult again = loadAndValidate(written, catalog());
        QVERIFY2(again.ok(), qPrintable(listed(again.diagnostics) + "\n" + written));
        QCOMPARE(Test::differences(*again.workflow, *loaded.workflow), QString());
        QCOMPARE(QString::fromUtf8(writeWorkflow(*again.workflow)), QString::fromUtf8(written));
    }

    void invalidFilesReportExactly_data()
    {
        addFileRows(QStringLiteral(FLOW_SOURCE_DIR "/tests/data/invalid"), "*.yaml");
    }
    void invalidFilesReportExactly()
    {
        QFETCH(QString, path);
        QString expectedPath = path;
        expectedPath.replace(QRegularExpression(QStringLiteral("\\.yaml$")), QStringLiteral(".expected"));
        QVERIFY2(QFile::exists(expectedPath), qPrintable("missing " + expectedPath));
        QStringList expected;
        for (const QString &line : QString::fromUtf8(readFile(expectedPath)).split(u'\n')) {
            if (!line.trimmed().isEmpty() && !line.startsWith(u'#'))
                expected.append(line.trimmed());
        }
        const LoadResult loaded = loadAndValidate(readFile(path), catalog());
        const QString actual = listed(loaded.diagnostics);
        const QString message = QStringLiteral("actual diagnostics:\n%1").arg(actual);
        QVERIFY2(loaded.diagnostics.size() == expected.size(), qPrintable(message));
        QVERIFY(!loaded.ok());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            static const QRegularExpression form(QStringLiteral("^(\\d+):(\\d+): (.+)$"));
            const QRegularExpressionMatch m = form.match(expected.at(i));
            QVERIFY2(m.hasMatch(), qPrintable("bad line in .expected: " + expected.at(i)));
            const Diagnostic &d = loaded.diagnostics.at(i);
            QVERIFY2(d.pos.line == m.captured(1).toInt() && d.pos.column == m.captured(2).toInt()
                         && d.message.contains(m.captured(3)),
                     qPrintable(QStringLiteral("expected '%1'\n%2").arg(expected.at(i), message)));
            QCOMPARE(d.severity, Diagnostic::Severity::Error);
        }
        // Whatever was read must still be writable and read back the same.
        if (loaded.workflow) {
            const QByteArray written = writeWorkflow(*loaded.workflow);
            QCOMPARE(writeWorkflow(*loaded.workflow), written);
            const LoadResult again = readWorkflow(written);
            QVERIFY(again.workflow.has_value());
        }
    }
};

QTEST_GUILESS_MAIN(TestCorpus)
#include "tst_corpus.moc"
