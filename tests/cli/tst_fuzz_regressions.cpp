// Every input the fuzzer ever broke, plus its seeds, must now pass the same round-trip check.
#include "nodes/registry.h"
#include "roundtrip.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
};

void TestFuzzRegressions::roundTrip_data()
{
    QTest::addColumn<QString>("path");
    const QString root = QStringLiteral(FLOW_SOURCE_DIR "/");
    for (const char *dir :
         {"fuzz/regressions", "resources/examples", "tests/data/valid", "tests/data/invalid"}) {
        QDirIterator it(root + QLatin1String(dir), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.endsWith(QLatin1String(".expected")) || path.endsWith(QLatin1String(".md")))
                continue;
            QTest::newRow(qPrintable(path.mid(root.size()))) << path;
        }
    }
}

void TestFuzzRegressions::roundTrip()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString problem = Flow::Fuzz::checkRoundTrip(file.readAll(), Flow::builtinCatalog());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzz_regressions.moc"
