#include "subflowactions.h"

#include "canvas/canvaseditor.h"
#include "documents/commands/extractsubflow.h"
#include "canvas/graphview.h"
#include "filecontroller.h"
#include "importers/flowengine.h"
#include "mainwindow.h"
#include "model/subflows.h"
#include "model/validator.h"
#include "model/workflowdocument.h"
#include "model/workflowio.h"
#include "notificationbar.h"
#include "documents/workflowsession.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QUndoStack>

namespace Flow::Studio {
namespace {

constexpr char ErrorBar[] = "subflow.error";
constexpr char ImportBar[] = "import.report";

// A node id from a file name: "Clean up.yaml" -> "clean_up".
QString idFromFileName(const QString &path)
{
    QString id;
    for (const QChar c : QFileInfo(path).completeBaseName()) {
        const bool ok = c.isLetterOrNumber() && c.unicode() < 128;
        id.append(ok || c == u'-' ? c : u'_');
    }
    if (id.isEmpty() || !isValidNodeId(id))
        id.prepend(QStringLiteral("sub_"));
    return isValidNodeId(id) ? id : QStringLiteral("subflow");
}

MainWindow *windowWithFile(const QString &path)
{
    const QString wanted = QFileInfo(path).canonicalFilePath();
    for (QWidget *w : QApplication::topLevelWidgets()) {
        auto *window = qobject_cast<MainWindow *>(w);
        if (window && !window->session()->filePath().isEmpty()
            && QFileInfo(window->session()->filePath()).canonicalFilePath() == wanted)
            return window;
    }
    return nullptr;
}

// The extraction as the window's undo step: undo gives back the text as it was, comments and all,
// not only the same workflow.
class SessionExtractCommand final : public ExtractSubflowCommand
{
public:
    SessionExtractCommand(WorkflowSession *session, Workflow before, Workflow after, QString filePath,
                          QByteArray fileContent)
        : ExtractSubflowCommand(session->document(), before, std::move(after), std::move(filePath),
                                std::move(fileContent))
        , m_session(session)
        , m_textBefore(session->text())
    {}

protected:
    void setDocument(const Workflow &workflow, bool undoing) override
    {
        if (undoing)
            m_session->restoreState(workflow, m_textBefore);
        else
            ExtractSubflowCommand::setDocument(workflow, undoing);
    }

private:
    WorkflowSession *m_session;
    QByteArray m_textBefore;
};

} // namespace

SubflowActions::SubflowActions(MainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_open(new QAction(tr("&Open Sub-workflow"), this))
    , m_extract(new QAction(tr("E&xtract Selection into Subflow…"), this))
    , m_import(new QAction(tr("&Import FlowEngine Workflow…"), this))
{
    m_open->setObjectName(QStringLiteral("action.openSubflow"));
    m_open->setStatusTip(
        tr("Open the workflow file of the selected subflow node (also a double-click or Enter)"));
    m_extract->setObjectName(QStringLiteral("action.extractSubflow"));
    m_extract->setStatusTip(tr("Move the selected nodes into a new workflow file and call it from one node"));
    m_import->setObjectName(QStringLiteral("action.importFlowEngine"));
    m_import->setStatusTip(tr("Open a FlowEngine workflow (JSON) as a new Flowstudio workflow"));
    connect(m_open, &QAction::triggered, this, [this] {
        const QStringList ids = m_window->canvas()->selectedNodeIds();
        if (ids.size() == 1)
            openSubflow(ids.first());
    });
    connect(m_extract, &QAction::triggered, this, &SubflowActions::chooseExtractFile);
    connect(m_import, &QAction::triggered, this, &SubflowActions::chooseImportFile);
    connect(m_window->canvas()->view(), &GraphView::nodeActivated, this, [this](const QString &id) {
        const Node *node = m_window->session()->document()->node(id);
        if (node && node->type == QStringView(SubflowType))
            openSubflow(id);
    });
    connect(m_window->canvas(), &CanvasEditor::selectionChanged, this, &SubflowActions::updateEnabled);
    connect(m_window->session()->document(), &WorkflowDocument::changed, this,
            &SubflowActions::updateEnabled);
    updateEnabled();
}

void SubflowActions::updateEnabled()
{
    const QStringList ids = m_window->canvas()->selectedNodeIds();
    const Node *node = ids.size() == 1 ? m_window->session()->document()->node(ids.first()) : nullptr;
    m_open->setEnabled(node && node->type == QStringView(SubflowType));
    m_extract->setEnabled(!ids.isEmpty());
}

void SubflowActions::showError(const QString &id, const QString &text)
{
    m_window->notifications()->show(id, NotificationBar::Kind::Error, text);
    emit message(text);
}

MainWindow *SubflowActions::openSubflow(const QString &nodeId)
{
    const Node *node = m_window->session()->document()->node(nodeId);
    if (!node || node->type != QStringView(SubflowType))
        return nullptr;
    const Value *path = literalSubflowPath(*node);
    if (!path) {
        showError(QLatin1String(ErrorBar),
                  tr("'%1' names no workflow file (its path is empty or an expression)").arg(nodeId));
        return nullptr;
    }
    const QString file = resolveSubflowPath(path->toString(), m_window->session()->filePath());
    if (!QFileInfo(file).isFile()) {
        showError(QLatin1String(ErrorBar), tr("The sub-workflow %1 does not exist").arg(file));
        return nullptr;
    }
    if (MainWindow *open = windowWithFile(file)) {
        open->show();
        open->raise();
        open->activateWindow();
        return open;
    }
    auto *window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    if (!window->files()->openFile(file)) {
        delete window;
        return nullptr;
    }
    window->show();
    return window;
}

void SubflowActions::chooseExtractFile()
{
    const WorkflowSession *session = m_window->session();
    if (session->filePath().isEmpty()) {
        showError(QLatin1String(ErrorBar),
                  tr("Save this workflow first: the subflow's path is relative to its file"));
        return;
    }
    const QString dir = QFileInfo(session->filePath()).absolutePath();
    QString path = QFileDialog::getSaveFileName(m_window, tr("Extract into Subflow"),
                                                QDir(dir).filePath(tr("subflow.yaml")),
                                                tr("Workflows (*.yaml *.yml)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".yaml");
    extractSelectionTo(path);
}

bool SubflowActions::extractSelectionTo(const QString &filePath)
{
    WorkflowSession *session = m_window->session();
    if (session->filePath().isEmpty()) {
        showError(QLatin1String(ErrorBar),
                  tr("Save this workflow first: the subflow's path is relative to its file"));
        return false;
    }
    if (QFileInfo(filePath).canonicalFilePath() == QFileInfo(session->filePath()).canonicalFilePath()) {
        showError(QLatin1String(ErrorBar), tr("Choose another file than this workflow's own"));
        return false;
    }
    session->applyPendingText();
    WorkflowDocument *document = session->document();
    const Workflow before = document->workflow();
    const QString relative = QDir(QFileInfo(session->filePath()).absolutePath()).relativeFilePath(filePath);
    const QString nodeId = document->uniqueId(idFromFileName(filePath));
    SubflowExtraction plan
        = planSubflowExtraction(before, m_window->canvas()->selectedNodeIds(), nodeId, relative);
    if (!plan.error.isEmpty()) {
        showError(QLatin1String(ErrorBar), tr("Cannot extract: %1").arg(plan.error));
        return false;
    }
    const QByteArray content = writeWorkflow(plan.sub);
    QString error;
    if (!ExtractSubflowCommand::writeFile(filePath, content, &error)) {
        showError(QLatin1String(ErrorBar), tr("Cannot write %1: %2").arg(filePath, error));
        return false;
    }
    session->undoStack()->push(
        new SessionExtractCommand(session, before, std::move(plan.after), filePath, content));
    m_window->canvas()->selectNodes({nodeId});
    emit message(tr("Extracted %n node(s) into %1", nullptr, int(plan.sub.nodes.size())).arg(relative));
    return true;
}

void SubflowActions::chooseImportFile()
{
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Import FlowEngine Workflow"), QString(),
                                                      tr("FlowEngine workflows (*.json);;All files (*)"));
    if (!path.isEmpty())
        importFlowEngineFile(path);
}

bool SubflowActions::importFlowEngineFile(const QString &jsonPath)
{
    QFile file(jsonPath);
    if (!file.open(QIODevice::ReadOnly)) {
        showError(QLatin1String(ImportBar), tr("Cannot read %1: %2").arg(jsonPath, file.errorString()));
        return false;
    }
    const ImportResult result = importFlowEngine(file.readAll());
    if (!result.workflow) {
        showError(
            QLatin1String(ImportBar),
            tr("%1 is not a FlowEngine workflow: %2").arg(QFileInfo(jsonPath).fileName(), result.error));
        return false;
    }
    if (!m_window->files()->maybeSave())
        return false;
    // A new, unsaved document: Save asks where, so the JSON is never overwritten.
    m_window->session()->loadUnsaved(writeWorkflow(*result.workflow), QString());
    QStringList missing;
    for (const ImportNote &n : result.notes) {
        if (n.kind == ImportNote::Kind::NotConverted)
            missing.append((n.nodeId.isEmpty() ? QString() : n.nodeId + QStringLiteral(": ")) + n.text);
    }
    const QString name = QFileInfo(jsonPath).fileName();
    if (missing.isEmpty()) {
        m_window->notifications()->show(QLatin1String(ImportBar), NotificationBar::Kind::Info,
                                        tr("Imported %1: everything was converted (%n node(s))", nullptr,
                                           int(result.workflow->nodes.size()))
                                            .arg(name));
    } else {
        m_window->notifications()->show(
            QLatin1String(ImportBar), NotificationBar::Kind::Warning,
            tr("Imported %1; not converted:\n%2")
                .arg(name, missing.mid(0, 6).join(QLatin1Char('\n'))
                               + (missing.size() > 6 ? QStringLiteral("\n…") : QString())));
    }
    return true;
}

} // namespace Flow::Studio
