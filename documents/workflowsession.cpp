#include "workflowsession.h"

#include "nodeedits.h"
#include "setworkflowcommand.h"

#include "model/workflowdocument.h"
#include "model/workflowio.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUndoStack>

namespace Flow::Studio {
namespace {

// Workflow files are small; anything this big is not one and would only freeze the editor.
constexpr qint64 MaxFileSize = 64 * 1024 * 1024;

bool sameWorkflow(const Workflow &a, const Workflow &b)
{
    return writeWorkflow(a) == writeWorkflow(b);
}

} // namespace

WorkflowSession::WorkflowSession(const NodeTypeCatalog *catalog, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog)
    , m_document(new WorkflowDocument(this))
    , m_undoStack(new QUndoStack(this))
{
    m_applyTimer.setSingleShot(true);
    m_applyTimer.setInterval(400);
    connect(&m_applyTimer, &QTimer::timeout, this, &WorkflowSession::applyPendingText);
    connect(m_document, &WorkflowDocument::changed, this, &WorkflowSession::onDocumentChanged);
    connect(m_undoStack, &QUndoStack::cleanChanged, this, &WorkflowSession::notifyModified);
    newWorkflow();
}

WorkflowSession::~WorkflowSession() = default;

QString WorkflowSession::displayName() const
{
    return m_filePath.isEmpty() ? tr("Untitled") : QFileInfo(m_filePath).fileName();
}

QByteArray WorkflowSession::text() const
{
    regenerateText();
    return m_text;
}

bool WorkflowSession::isModified() const
{
    regenerateText();
    return !m_undoStack->isClean() || m_text != m_documentText;
}

void WorkflowSession::newWorkflow(const QString &path)
{
    Workflow workflow;
    workflow.name = path.isEmpty() ? tr("Untitled workflow") : QFileInfo(path).completeBaseName();
    const QByteArray text = writeWorkflow(workflow);
    setFilePath(path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath());
    startOver(text, workflow, true);
}

bool WorkflowSession::load(const QString &path, QString *errorMessage)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errorMessage)
            *errorMessage = tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    if (file.size() > MaxFileSize) {
        if (errorMessage)
            *errorMessage = tr("%1 is too large to be a workflow file.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    const QByteArray text = file.readAll();
    const LoadResult read = readWorkflow(text);
    setFilePath(QFileInfo(path).absoluteFilePath());
    startOver(text, read.workflow.value_or(Workflow()), read.ok());
    return true;
}

void WorkflowSession::loadUnsaved(const QByteArray &text, const QString &path)
{
    setFilePath(path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath());
    // Start from the file on disk (or empty) so that the recovered text is an unsaved change on top.
    QByteArray onDisk;
    QFile file(path);
    if (!path.isEmpty() && file.open(QIODevice::ReadOnly) && file.size() <= MaxFileSize)
        onDisk = file.readAll();
    const LoadResult base = readWorkflow(onDisk);
    startOver(onDisk, base.workflow.value_or(Workflow()), base.ok());
    setEditedText(text);
    applyPendingText();
    emit textReplaced();
}

void WorkflowSession::startOver(const QByteArray &text, const Workflow &workflow, bool parses)
{
    m_applyTimer.stop();
    m_restoring = true;
    m_document->setWorkflow(workflow);
    m_restoring = false;
    m_regeneratePending = false;
    m_text = text;
    m_documentText = text;
    m_textParses = parses;
    m_undoStack->clear();
    m_undoStack->setClean();
    updateDiagnostics();
    emit textReplaced();
    emit parseStateChanged(m_textParses);
    emit loaded();
    notifyModified();
}

bool WorkflowSession::save(const QString &path, QString *errorMessage)
{
    applyPendingText();
    regenerateText();
    // A text that parses was applied to the document, so the canonical form holds all of it.
    const QByteArray bytes = m_textParses ? writeWorkflow(m_document->workflow()) : m_text;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (errorMessage)
            *errorMessage = tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    setFilePath(QFileInfo(path).absoluteFilePath());
    if (m_text != bytes) {
        m_text = bytes;
        emit textReplaced();
        updateDiagnostics();
    }
    m_documentText = bytes;
    m_undoStack->setClean();
    notifyModified();
    return true;
}

void WorkflowSession::setEditedText(const QByteArray &text)
{
    regenerateText();
    if (text == m_text)
        return;
    m_text = text;
    m_applyTimer.start();
    notifyModified();
    emit contentChanged();
}

void WorkflowSession::applyPendingText()
{
    m_applyTimer.stop();
    regenerateText();
    const LoadResult read = readWorkflow(m_text);
    const bool parses = read.ok();
    if (parses && m_text != m_documentText) {
        m_undoStack->push(
            new SetWorkflowCommand(this, m_document->workflow(), m_documentText, *read.workflow, m_text));
    }
    if (parses != m_textParses) {
        m_textParses = parses;
        emit parseStateChanged(parses);
    }
    updateDiagnostics();
    notifyModified();
}

void WorkflowSession::undo()
{
    applyPendingText();
    m_undoStack->undo();
}

void WorkflowSession::redo()
{
    applyPendingText();
    m_undoStack->redo();
}

void WorkflowSession::restoreState(const Workflow &workflow, const QByteArray &text)
{
    regenerateText();
    if (!sameWorkflow(workflow, m_document->workflow())) {
        emit aboutToReplaceDocument();
        m_restoring = true;
        m_document->setWorkflow(workflow);
        m_restoring = false;
    }
    m_documentText = text;
    if (m_text != text) {
        m_applyTimer.stop();
        m_text = text;
        emit textReplaced();
    }
    if (!m_textParses) {
        m_textParses = true;
        emit parseStateChanged(true);
    }
    updateDiagnostics();
    notifyModified();
    emit contentChanged();
}

void WorkflowSession::onDocumentChanged()
{
    if (m_restoring)
        return;
    emit contentChanged();
    // A burst of signals (a paste of many nodes) costs one write: the text is made when first needed.
    if (!m_regeneratePending) {
        m_regeneratePending = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (!m_regeneratePending)
                    return;
                regenerateText();
            },
            Qt::QueuedConnection);
    }
}

void WorkflowSession::regenerateText() const
{
    if (!m_regeneratePending)
        return;
    m_regeneratePending = false;
    auto self = const_cast<WorkflowSession *>(this);
    self->m_applyTimer.stop();
    m_text = writeWorkflow(m_document->workflow());
    m_documentText = m_text;
    if (!m_textParses) {
        self->m_textParses = true;
        emit self->parseStateChanged(true);
    }
    self->updateDiagnostics();
    emit self->textReplaced();
    self->notifyModified();
}

void WorkflowSession::updateDiagnostics()
{
    m_diagnostics = loadAndValidate(m_text, m_catalog).diagnostics;
    emit diagnosticsChanged();
}

void WorkflowSession::setFilePath(const QString &path)
{
    if (path == m_filePath)
        return;
    m_filePath = path;
    emit filePathChanged();
}

void WorkflowSession::notifyModified()
{
    const bool modified = isModified();
    if (modified == m_lastModified)
        return;
    m_lastModified = modified;
    emit modifiedChanged(modified);
}

QString WorkflowSession::renameNode(const QString &oldId, const QString &newId)
{
    return pushRenameNode(m_document, m_undoStack, oldId, newId);
}

bool WorkflowSession::setNodeSettings(const QString &id, const Node &settings, int mergeKey)
{
    return pushNodeSettings(m_document, m_undoStack, id, settings, mergeKey);
}

} // namespace Flow::Studio
