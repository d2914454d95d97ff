#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QAction;
QT_END_NAMESPACE

namespace Flow::Studio {

class MainWindow;

// What the window does with sub-workflows and other engines' files:
//  - opening a subflow node's file (double-click or Enter on the node, or Edit → Open Sub-workflow)
//    in a window of its own, or raising the window that already has it;
//  - Edit → Extract Selection into Subflow…: the selection moves into a new file (one undo step);
//  - File → Import FlowEngine Workflow…: a FlowEngine JSON file opens as a new, unsaved workflow,
//    with the import report in a notification bar.
// The *Path() functions do the work without dialogs (tests, automation).
class SubflowActions : public QObject
{
    Q_OBJECT

public:
    explicit SubflowActions(MainWindow *window);

    QAction *openAction() const { return m_open; }
    QAction *extractAction() const { return m_extract; }
    QAction *importAction() const { return m_import; }

    // The window showing the file of subflow node `nodeId`; null (with a message) when the node is
    // not a subflow, its path is empty or an expression, or the file does not exist.
    MainWindow *openSubflow(const QString &nodeId);
    // Extracts the selected nodes into `filePath`; false with a message shown when it is refused.
    bool extractSelectionTo(const QString &filePath);
    bool importFlowEngineFile(const QString &jsonPath);

signals:
    void message(const QString &text);

private:
    void updateEnabled();
    void chooseExtractFile();
    void chooseImportFile();
    void showError(const QString &id, const QString &text);

    MainWindow *m_window;
    QAction *m_open;
    QAction *m_extract;
    QAction *m_import;
};

} // namespace Flow::Studio
