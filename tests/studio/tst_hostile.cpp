// The main window under hostile files (offscreen): random bytes, a 100,000-node workflow, alias bombs,
// 10,000-deep nesting, NUL bytes. Each must open with its errors shown or be refused with a message,
// never crash or hang (the CTest timeout is the hang check), and the window must still draw.
#include "studiotestutil.h"

#include "documents/workflowsession.h"
#include "filecontroller.h"
#include "mainwindow.h"
#include "model/workflowdocument.h"
#include "notificationbar.h"
#include "problemsview.h"
#include "yamleditor.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using namespace Flow;
using namespace Flow::Studio;

namespace {

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(13); // fixed seed: a failure can be reproduced
    generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    return bytes;
}

QByteArray manyNodes(int count)
{
    QByteArray text = "flowstudio: 1\nname: Many\nnodes:\n";
    for (int i = 0; i < count; ++i)
        text += "  n" + QByteArray::number(i) + ":\n    type: debug.log\n";
    return text;
}

QByteArray aliasBomb()
{
    QByteArray text = "flowstudio: 1\nname: Bomb\nnodes:\n  a:\n    type: debug.log\n    config:\n"
                      "      l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; ++i) {
        QByteArrayList refs;
        for (int j = 0; j < 10; ++j)
            refs.append("*l" + QByteArray::number(i - 1));
        text += "      l" + QByteArray::number(i) + ": &l" + QByteArray::number(i) + " [" + refs.join(", ")
                + "]\n";
    }
    return text;
}

QByteArray deepBlockMaps(int depth)
{
    QByteArray text = "flowstudio: 1\nname: Deep\nnodes:\n  a:\n    type: debug.log\n    config:\n";
    for (int i = 0; i < depth; ++i)
        text += QByteArray(6 + 2 * i, ' ') + "k:\n";
    return text;
}

} // namespace

class tst_Hostile : public QObject
{
    Q_OBJECT

private slots:
    void hostileFileIsShownOrRefused_data();
    void hostileFileIsShownOrRefused();
    void garbageTypedIntoYamlKeepsCanvas();
    void fileDeletedOnDiskKeepsEdits();
};

void tst_Hostile::hostileFileIsShownOrRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("10 MB random bytes") << randomBytes(10 * 1024 * 1024);
    QTest::newRow("100,000 nodes") << manyNodes(100000);
    QTest::newRow("alias bomb (10^10 values)") << aliasBomb();
    QTest::newRow("10,000 nested flow lists")
        << "flowstudio: 1\nname: x\nnodes: " + QByteArray(10000, '[') + QByteArray(10000, ']') + "\n";
    QTest::newRow("10,000 nested flow maps") << "flowstudio: 1\nnodes: " + QByteArray("{a: ").repeated(10000)
                                                    + "1" + QByteArray(10000, '}') + "\n";
    QTest::newRow("10,000 nested block maps") << deepBlockMaps(10000);
    QTest::newRow("NUL bytes") << QByteArray("flowstudio: 1\nname: \0\0\0\nnodes: {}\n", 32);
    QTest::newRow("only an anchor") << QByteArray("&a *a");
}

void tst_Hostile::hostileFileIsShownOrRefused()
{
    QFETCH(QByteArray, bytes);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hostile.yaml"));
    QVERIFY(StudioTest::writeFile(path, bytes));

    MainWindow window;
    window.files()->setAutomaticAnswer(FileController::Answer::Discard);
    window.show();
    const bool opened = window.files()->openFile(path);
    if (opened) {
        // Loaded as text with its problems listed; nothing of the file is lost from the editor.
        const Diagnostics &diagnostics = window.session()->diagnostics();
        QVERIFY(!diagnostics.isEmpty());
        QCOMPARE(window.problemsView()->topLevelItemCount(), int(diagnostics.size()));
        for (const Diagnostic &d : diagnostics)
            QVERIFY2(!d.message.isEmpty(), "every problem says what is wrong");
    } else {
        // Refused: the file is untouched on disk and the window still holds a workflow.
        QCOMPARE(StudioTest::readFile(path), bytes);
    }
    QVERIFY(!window.grab().isNull());
}

void tst_Hostile::garbageTypedIntoYamlKeepsCanvas()
{
    MainWindow window;
    window.files()->setAutomaticAnswer(FileController::Answer::Discard);
    window.show();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("two.yaml"));
    QVERIFY(StudioTest::writeFile(path, StudioTest::twoNodes()));
    QVERIFY(window.files()->openFile(path));
    const int nodes = int(window.session()->document()->workflow().nodes.size());
    QVERIFY(nodes > 0);
    // Garbage replaces the whole YAML text, as a paste over a select-all does.
    window.yamlEditor()->selectAll();
    window.yamlEditor()->replaceSelectedText(QString::fromLatin1(randomBytes(64 * 1024)));
    QTRY_VERIFY_WITH_TIMEOUT(!window.session()->diagnostics().isEmpty(), 10000);
    // The canvas keeps the last good workflow, and undo brings the text back.
    QCOMPARE(int(window.session()->document()->workflow().nodes.size()), nodes);
    window.yamlEditor()->undo();
    QTRY_COMPARE_WITH_TIMEOUT(window.yamlEditor()->text().toUtf8(), StudioTest::twoNodes(), 10000);
}

void tst_Hostile::fileDeletedOnDiskKeepsEdits()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("gone.yaml"));
    QVERIFY(StudioTest::writeFile(path, StudioTest::twoNodes()));
    QVERIFY(window.files()->openFile(path));
    // An unsaved edit (comments are dropped on save, so a real change), then another program deletes
    // the file.
    window.yamlEditor()->setText(window.yamlEditor()->text().replace(QStringLiteral("name: Two nodes"),
                                                                     QStringLiteral("name: an edit")));
    const QString edited = window.yamlEditor()->text();
    QTRY_VERIFY(window.session()->text().contains("an edit"));
    QVERIFY(QFile::remove(path));
    QTRY_VERIFY(window.notifications()->bar(QStringLiteral("disk-change")));
    QVERIFY(window.notifications()
                ->bar(QStringLiteral("disk-change"))
                ->text()
                .contains(QStringLiteral("deleted")));
    // Nothing is lost: the edit is still there, and saving writes the file again.
    QCOMPARE(window.yamlEditor()->text(), edited);
    QVERIFY(window.files()->save());
    QCOMPARE(StudioTest::readFile(path), window.session()->text());
    QVERIFY(StudioTest::readFile(path).contains("name: an edit"));
}

QTEST_MAIN(tst_Hostile)
#include "tst_hostile.moc"
