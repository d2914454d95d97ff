#pragma once

#include <QHash>
#include <QPointer>
#include <QUrl>
#include <QWidget>

#include <functional>

QT_BEGIN_NAMESPACE
class QAction;
class QLabel;
class QTreeWidget;
class QTreeWidgetItem;
QT_END_NAMESPACE

namespace Flow::Remote {
class RemoteClient;
class RemoteRunSource;
struct RunSummary;
} // namespace Flow::Remote

namespace Flow::Studio {

class RunWorkbench;
class TokenStore;

// The Remote dock: servers (URL and token) and their runs, live. Opening a run shows it through
// RunWorkbench::showRun like any local run; "Run on Server" sends the editor's workflow; Stop
// cancels the selected run on its server. Servers are kept in QSettings (name, URL), their tokens
// in a TokenStore. All network work is asynchronous (RemoteClient), so the GUI thread never waits.
class RemoteDock : public QWidget
{
    Q_OBJECT

public:
    // `currentWorkflow` returns the editor's YAML text for "Run on Server".
    RemoteDock(RunWorkbench *workbench, std::function<QByteArray()> currentWorkflow,
               QWidget *parent = nullptr);
    ~RemoteDock() override;

    QList<QAction *> remoteActions() const;
    QTreeWidget *tree() const { return m_tree; }
    // Adds a server without the dialog (tests, and the dialog's OK).
    void addServer(const QString &name, const QUrl &url, const QString &token);
    Remote::RemoteClient *client(int server) const;
    int serverCount() const { return int(m_servers.size()); }
    // Shows the run (a child item's run id) of `server`.
    void openRun(int server, const QString &run);
    bool runOnServer(int server);

signals:
    // A remote run is shown in the workbench (tests, screenshots).
    void runOpened(const QString &run);

private:
    struct Server
    {
        QString id; // key of its token and settings
        QString name;
        QUrl url;
        Remote::RemoteClient *client = nullptr;
        QTreeWidgetItem *item = nullptr;
    };

    void createActions();
    void load();
    void save() const;
    void connectServer(Server &server, const QString &token);
    void updateServerItem(const Server &server);
    void updateRun(Server &server, const Remote::RunSummary &run);
    void updateActions();
    int selectedServer() const;
    QString selectedRun() const;
    int indexOf(const Remote::RemoteClient *client) const;
    void addOrEdit(int server);
    void removeSelected();
    void stopSelected();
    void showMessage(const QString &text);

    RunWorkbench *m_workbench;
    std::function<QByteArray()> m_currentWorkflow;
    TokenStore *m_tokens;
    QTreeWidget *m_tree;
    QLabel *m_message;
    QList<Server> m_servers;
    QHash<QString, QPointer<Remote::RemoteRunSource>> m_open; // run id -> its shown source
    QAction *m_add = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_reconnect = nullptr;
    QAction *m_open_ = nullptr;
    QAction *m_runOnServer = nullptr;
    QAction *m_stop = nullptr;
};

} // namespace Flow::Studio
