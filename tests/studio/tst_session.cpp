// WorkflowSession without a window: the two-way YAML sync rules and the file rules.
#include "studiotestutil.h"
#include "documents/workflowsession.h"

#include "documents/commands/movecommands.h"
#include "documents/commands/nodecommands.h"
#include "nodes/registry.h"
#include "model/workflowdocument.h"
#include "model/workflowio.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <sys/stat.h>

using namespace Flow;
using namespace Flow::Studio;

class tst_Session : public QObject
{
    Q_OBJECT

private slots:
    void loadKeepsTextAsWritten_data();
    void loadKeepsTextAsWritten();
    void malformedFileStillOpens_data();
    void malformedFileStillOpens();
    void documentEditRewritesTextAtOnce();
    void textEditBecomesOneUndoStep();
    void brokenTextKeepsLastGoodDocument();
    void commentOnlyEditIsUndoable();
    void saveIsCanonicalAndAtomic();
    void saveKeepsBrokenTextAsTyped();
    void saveFailureKeepsEverything();
    void modifiedFollowsUndoStack();
    void recoveredTextIsAnUnsavedChange();
    void undoAppliesPendingTypingFirst();

private:
    QString writeTemp(const QByteArray &bytes, const QString &name = QStringLiteral("flow.yaml"))
    {
        const QString path = m_dir.filePath(name);
        if (!StudioTest::writeFile(path, bytes))
            return {};
        return path;
    }
    QTemporaryDir m_dir;
};

void tst_Session::loadKeepsTextAsWritten_data()
{
    QTest::addColumn<QString>("path");
    const QStringList files = StudioTest::exampleFiles();
    QVERIFY(files.size() >= 5);
    for (const QString &file : files)
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
}

void tst_Session::loadKeepsTextAsWritten()
{
    QFETCH(QString, path);
    WorkflowSession session(builtinCatalog());
    QVERIFY(session.load(path));
    QCOMPARE(session.text(), StudioTest::readFile(path));
    QVERIFY(session.diagnostics().isEmpty());
    QVERIFY(session.textParses());
    QVERIFY(!session.isModified());
    QVERIFY(!session.document()->workflow().nodes.isEmpty());
    QCOMPARE(session.filePath(), QFileInfo(path).absoluteFilePath());
}

void tst_Session::malformedFileStillOpens_data()
{
    StudioTest::addMalformedRows();
}

void tst_Session::malformedFileStillOpens()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(QString, fragment);
    WorkflowSession session(builtinCatalog());
    QVERIFY(session.load(writeTemp(yaml)));
    QCOMPARE(session.text(), yaml);
    QVERIFY(!session.diagnostics().isEmpty());
    const Diagnostic &first = session.diagnostics().first();
    QCOMPARE(first.pos.line, line);
    QVERIFY2(first.message.contains(fragment), qPrintable(first.message));
    QVERIFY(!session.isModified());
}

void tst_Session::documentEditRewritesTextAtOnce()
{
    WorkflowSession session(builtinCatalog());
    QVERIFY(session.load(writeTemp(StudioTest::twoNodes())));
    QSignalSpy replaced(&session, &WorkflowSession::textReplaced);
    session.undoStack()->push(new MoveNodesCommand(
        session.document(), {{QStringLiteral("show"), QPointF(300, 40)}}, QStringLiteral("Move")));
    // The text is made lazily but is current as soon as anyone asks.
    QVERIFY(session.text().contains("show: [300, 40]"));
    QCOMPARE(session.text(), writeWorkflow(session.document()->workflow()));
    QVERIFY(replaced.count() >= 1);
    QVERIFY(session.isModified());
    session.undoStack()->undo();
    QVERIFY(session.text().contains("show: [240, 0]"));
    QVERIFY(!session.isModified());
}

void tst_Session::textEditBecomesOneUndoStep()
{
    WorkflowSession session(builtinCatalog());
    QVERIFY(session.load(writeTemp(StudioTest::twoNodes())));
    QByteArray edited = StudioTest::twoNodes();
    edited.replace("name: Two nodes", "name: Renamed");
    edited.replace("command: ls}", "command: ls -la}");
    // Typed in several bursts: nothing is applied until the pause.
    session.setEditedText(edited.left(40) + "Ren");
    session.setEditedText(edited);
    QCOMPARE(session.document()->workflow().name, QStringLiteral("Two nodes"));
    QVERIFY(session.isModified());
    QTRY_COMPARE(session.document()->workflow().name, QStringLiteral("Renamed"));
    QCOMPARE(session.undoStack()->count(), 1);
    QCOMPARE(session.document()->node(u"list")->config.find(u"command")->toString(),
             QStringLiteral("ls -la"));
    // The text stays as typed (comment included), not rewritten canonically.
    QCOMPARE(session.text(), edited);

    session.undoStack()->undo();
    QCOMPARE(session.text(), StudioTest::twoNodes());
    QCOMPARE(session.document()->workflow().name, QStringLiteral("Two nodes"));
    QVERIFY(!session.isModified());
    session.undoStack()->redo();
    QCOMPARE(session.text(), edited);
    QCOMPARE(session.document()->workflow().name, QStringLiteral("Renamed"));
}

void tst_Session::brokenTextKeepsLastGoodDocument()
{
    WorkflowSession session(builtinCatalog());
    session.setApplyDelay(20);
    QVERIFY(session.load(writeTemp(StudioTest::twoNodes())));
    const QByteArray before = writeWorkflow(session.document()->workflow());
    QSignalSpy parseState(&session, &WorkflowSession::parseStateChanged);
    QByteArray broken = StudioTest::twoNodes();
    broken.replace("    inputs: {message: list.stdout}", "    inputs: {message: list.stdout");
    session.setEditedText(broken);
    QTRY_COMPARE(parseState.count(), 1);
    QCOMPARE(parseState.last().first().toBool(), false);
    QVERIFY(!session.textParses());
    QCOMPARE(writeWorkflow(session.document()->workflow()), before);
    QCOMPARE(session.undoStack()->count(), 0);
    QVERIFY(!session.diagnostics().isEmpty());
    QVERIFY(session.diagnostics().first().pos.line >= 9);
    QCOMPARE(session.text(), broken);

    // Fixing it applies the fixed text.
    QByteArray fixed = StudioTest::twoNodes();
    fixed.replace("list.stdout}", "list.stderr}");
    session.setEditedText(fixed);
    QTRY_VERIFY(session.textParses());
    QCOMPARE(session.document()->node(u"show")->inputs.first().sourcePort, QStringLiteral("stderr"));
    QVERIFY(session.diagnostics().isEmpty());
}

void tst_Session::commentOnlyEditIsUndoable()
{
    WorkflowSession session(builtinCatalog());
    QVERIFY(session.load(writeTemp(StudioTest::twoNodes())));
    const QByteArray edited = "# my notes\n" + StudioTest::twoNodes();
    session.setEditedText(edited);
    session.applyPendingText();
    QCOMPARE(session.undoStack()->count(), 1);
    QVERIFY(session.isModified());
    session.undoStack()->undo();
    QCOMPARE(session.text(), StudioTest::twoNodes());
    QVERIFY(!session.isModified());
}

void tst_Session::saveIsCanonicalAndAtomic()
{
    const QString path = writeTemp(StudioTest::twoNodes(), QStringLiteral("save.yaml"));
    WorkflowSession session(builtinCatalog());
    QVERIFY(session.load(path));
    struct stat before
    {
    };
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &before), 0);

    QString error;
    QVERIFY2(session.save(path, &error), qPrintable(error));
    const QByteArray saved = StudioTest::readFile(path);
    const LoadResult read = readWorkflow(StudioTest::twoNodes());
    QVERIFY(read.ok());
    QCOMPARE(saved, writeWorkflow(*read.workflow));
    QVERIFY(!saved.contains("# a comment"));
    // What the editor shows is what is on disk; nothing is left modified.
    QCOMPARE(session.text(), saved);
    QVERIFY(!session.isModified());

    // QSaveFile writes a new file and renames it over the old one: readers never see half a file.
    struct stat after
    {
    };
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &after), 0);
    QVERIFY(before.st_ino != after.st_ino);
    QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("save.yaml*")}, QDir::Files | QDir::Hidden).size(),
             1);

    // Saving an unchanged canonical file changes no byte.
    QVERIFY(session.save(path));
    QCOMPARE(StudioTest::readFile(path), saved);
}

void tst_Session::saveKeepsBrokenTextAsTyped()
{
    WorkflowSession session(builtinCatalog());
    QVERIFY(session.load(writeTemp(StudioTest::twoNodes())));
    const QByteArray broken = StudioTest::twoNodes() + "  oops: [\n";
    session.setEditedText(broken);
    const QString path = m_dir.filePath(QStringLiteral("broken.yaml"));
    QVERIFY(session.save(path));
    QCOMPARE(StudioTest::readFile(path), broken);
    QVERIFY(!session.isModified());
}

void tst_Session::saveFailureKeepsEverything()
{
    WorkflowSession session(builtinCatalog());
    const QString path = writeTemp(StudioTest::twoNodes(), QStringLiteral("keep.yaml"));
    QVERIFY(session.load(path));
    session.setEditedText(StudioTest::twoNodes() + "description: more\n");
    QString error;
    QVERIFY(!session.save(m_dir.filePath(QStringLiteral("missing-dir/x.yaml")), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(session.isModified());
    QCOMPARE(session.filePath(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(StudioTest::readFile(path), StudioTest::twoNodes());
}

void tst_Session::modifiedFollowsUndoStack()
{
    WorkflowSession session(builtinCatalog());
    QVERIFY(session.load(writeTemp(StudioTest::twoNodes())));
    QSignalSpy modified(&session, &WorkflowSession::modifiedChanged);
    session.undoStack()->push(new RemoveNodeCommand(session.document(), QStringLiteral("show")));
    QVERIFY(session.isModified());
    QCOMPARE(modified.count(), 1);
    session.undoStack()->undo();
    QVERIFY(!session.isModified());
    QCOMPARE(modified.count(), 2);
    // Undoing everything gives back the file's canonical form of the same workflow.
    QCOMPARE(writeWorkflow(session.document()->workflow()),
             writeWorkflow(*readWorkflow(StudioTest::twoNodes()).workflow));
}

void tst_Session::recoveredTextIsAnUnsavedChange()
{
    const QString path = writeTemp(StudioTest::twoNodes(), QStringLiteral("recovered.yaml"));
    QByteArray recovered = StudioTest::twoNodes();
    recovered.replace("Two nodes", "Recovered");
    WorkflowSession session(builtinCatalog());
    session.loadUnsaved(recovered, path);
    QCOMPARE(session.text(), recovered);
    QCOMPARE(session.document()->workflow().name, QStringLiteral("Recovered"));
    QVERIFY(session.isModified());
    session.undoStack()->undo();
    QCOMPARE(session.document()->workflow().name, QStringLiteral("Two nodes"));
}

void tst_Session::undoAppliesPendingTypingFirst()
{
    WorkflowSession session(builtinCatalog());
    QVERIFY(session.load(writeTemp(StudioTest::twoNodes())));
    session.undoStack()->push(new RemoveNodeCommand(session.document(), QStringLiteral("show")));
    const QByteArray afterRemove = session.text();
    QByteArray typed = afterRemove;
    typed.replace("name: Two nodes", "name: Typed");
    session.setEditedText(typed);
    QVERIFY(session.hasPendingText());
    // Undo takes back the typing (now a step of its own), not the removal under it.
    session.undo();
    QVERIFY(!session.hasPendingText());
    QCOMPARE(session.text(), afterRemove);
    QVERIFY(!session.document()->node(u"show"));
    session.undo();
    QVERIFY(session.document()->node(u"show"));
    session.redo();
    session.redo();
    QCOMPARE(session.text(), typed);
}

QTEST_MAIN(tst_Session)
#include "tst_session.moc"
