// Several open workflows without a window: one session per file, found again by path.
#include "documents/documentmanager.h"
#include "documents/workflowsession.h"
#include "model/workflowdocument.h"
#include "nodes/registry.h"

#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Flow;
using namespace Flow::Studio;

class tst_DocumentManager : public QObject
{
    Q_OBJECT

private slots:
    void openTwiceGivesOneSession();
    void closeMovesCurrent();
    void unreadableFileOpensNothing();
    void sessionEditsThroughTheDocument();
};

namespace {

QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(text);
    return path;
}

const QByteArray Flow1 = "flowstudio: 1\nnodes:\n  a: {type: debug.log, config: {message: x}}\n";

} // namespace

void tst_DocumentManager::openTwiceGivesOneSession()
{
    QTemporaryDir dir;
    const QString a = write(dir, "a.yaml", Flow1);
    const QString b = write(dir, "b.yaml", Flow1);
    DocumentManager docs(builtinCatalog());
    QSignalSpy added(&docs, &DocumentManager::sessionAdded);
    WorkflowSession *sa = docs.open(a);
    QVERIFY(sa);
    QCOMPARE(docs.current(), sa);
    // The same file by another spelling of its path is the same session.
    QCOMPARE(docs.open(dir.path() + "/./a.yaml"), sa);
    WorkflowSession *sb = docs.open(b);
    QVERIFY(sb && sb != sa);
    QCOMPARE(added.size(), 2);
    QCOMPARE(docs.sessions().size(), 2);
    QCOMPARE(docs.find(b), sb);
    QVERIFY(sa->document()->node(u"a"));
    QVERIFY(docs.modifiedSessions().isEmpty());
    sb->setNodeSettings("a", *sb->document()->node(u"a"));
    QCOMPARE(docs.modifiedSessions(), QList<WorkflowSession *>{sb});
}

void tst_DocumentManager::closeMovesCurrent()
{
    QTemporaryDir dir;
    DocumentManager docs(builtinCatalog());
    WorkflowSession *a = docs.open(write(dir, "a.yaml", Flow1));
    WorkflowSession *untitled = docs.create();
    docs.setCurrent(untitled);
    QSignalSpy current(&docs, &DocumentManager::currentChanged);
    QPointer<WorkflowSession> gone(untitled);
    docs.close(untitled);
    QCOMPARE(docs.current(), a);
    QCOMPARE(current.size(), 1);
    QTRY_VERIFY(gone.isNull());
    QVERIFY(!docs.find(QString()));
}

void tst_DocumentManager::unreadableFileOpensNothing()
{
    QTemporaryDir dir;
    DocumentManager docs(builtinCatalog());
    QString error;
    QVERIFY(!docs.open(dir.filePath("missing.yaml"), &error));
    QVERIFY2(error.contains("missing.yaml"), qPrintable(error));
    QVERIFY(docs.sessions().isEmpty());
    // A malformed file still opens, with its problems.
    WorkflowSession *bad = docs.open(write(dir, "bad.yaml", "flowstudio: 1\nnodes: [\n"));
    QVERIFY(bad);
    QVERIFY(!bad->textParses());
}

void tst_DocumentManager::sessionEditsThroughTheDocument()
{
    QTemporaryDir dir;
    DocumentManager docs(builtinCatalog());
    WorkflowSession *s = docs.open(write(dir, "a.yaml", Flow1));
    QCOMPARE(s->renameNode("a", "b c"),
             QString("“b c” is not a valid id: start with a letter or _, then use letters, digits, _ and -."));
    QCOMPARE(s->renameNode("a", "greet"), QString());
    QVERIFY(s->document()->node(u"greet"));
    QVERIFY(s->text().contains("greet:"));
    QCOMPARE(s->undoStack()->count(), 1);
    s->undo();
    QVERIFY(s->document()->node(u"a"));
    QVERIFY(!s->setNodeSettings("nope", Node{}));
}

QTEST_MAIN(tst_DocumentManager)
#include "tst_documentmanager.moc"
