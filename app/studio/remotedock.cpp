#include "remotedock.h"

#include "runworkbench.h"
#include "tokenstore.h"

#include "remote/remoteclient.h"
#include "remote/remoterunsource.h"

#include <QAction>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QToolBar>
#include <QTreeWidget>
#include <QUuid>
#include <QVBoxLayout>

namespace Flow::Studio {
namespace {

using Remote::RemoteClient;
using Remote::RunSummary;

constexpr int IdRole = Qt::UserRole + 1;   // server id (server items), run id (run items)
constexpr int KindRole = Qt::UserRole + 2; // 0 server, 1 run

QString stateText(RemoteClient::State state, const QString &error)
{
    switch (state) {
    case RemoteClient::State::Disconnected:
        return error.isEmpty() ? RemoteDock::tr("disconnected")
                               : RemoteDock::tr("disconnected: %1").arg(error);
    case RemoteClient::State::Connecting:
        return RemoteDock::tr("connecting…");
    case RemoteClient::State::Connected:
        return RemoteDock::tr("connected");
    case RemoteClient::State::Unhealthy:
        return RemoteDock::tr("unhealthy: no answer to pings");
    case RemoteClient::State::Refused:
        return RemoteDock::tr("refused: %1").arg(error);
    }
    return {};
}

QString runStatusText(const QString &status)
{
    if (status == u"running")
        return RemoteDock::tr("running");
    if (status == u"succeeded")
        return RemoteDock::tr("succeeded");
    if (status == u"failed")
        return RemoteDock::tr("failed");
    if (status == u"cancelled")
        return RemoteDock::tr("cancelled");
    if (status == u"interrupted")
        return RemoteDock::tr("interrupted");
    return status;
}

// Name, URL and token of a server.
class ServerDialog : public QDialog
{
public:
    ServerDialog(const QString &name, const QUrl &url, const QString &token, QWidget *parent)
        : QDialog(parent)
    {
        setWindowTitle(name.isEmpty() ? RemoteDock::tr("Add Server") : RemoteDock::tr("Edit Server"));
        auto *form = new QFormLayout;
        m_name = new QLineEdit(name, this);
        m_url = new QLineEdit(url.isEmpty() ? QStringLiteral("ws://127.0.0.1:8765") : url.toString(), this);
        m_token = new QLineEdit(token, this);
        m_token->setEchoMode(QLineEdit::Password);
        m_token->setPlaceholderText(RemoteDock::tr("none (loopback servers only)"));
        form->addRow(RemoteDock::tr("&Name:"), m_name);
        form->addRow(RemoteDock::tr("&URL:"), m_url);
        form->addRow(RemoteDock::tr("&Token:"), m_token);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
        connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
        auto *layout = new QVBoxLayout(this);
        layout->addLayout(form);
        layout->addWidget(buttons);
        auto validate = [this, buttons] {
            const QUrl u(m_url->text().trimmed());
            buttons->button(QDialogButtonBox::Ok)
                ->setEnabled(u.isValid() && (u.scheme() == u"ws" || u.scheme() == u"wss")
                             && !u.host().isEmpty());
        };
        connect(m_url, &QLineEdit::textChanged, this, validate);
        validate();
    }
    QString name() const { return m_name->text().trimmed(); }
    QUrl url() const { return QUrl(m_url->text().trimmed()); }
    QString token() const { return m_token->text().trimmed(); }

private:
    QLineEdit *m_name;
    QLineEdit *m_url;
    QLineEdit *m_token;
};

} // namespace

RemoteDock::RemoteDock(RunWorkbench *workbench, std::function<QByteArray()> currentWorkflow, QWidget *parent)
    : QWidget(parent)
    , m_workbench(workbench)
    , m_currentWorkflow(std::move(currentWorkflow))
    , m_tokens(new TokenStore(this))
{
    setObjectName(QStringLiteral("RemoteDockWidget"));
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("RemoteTree"));
    m_tree->setHeaderLabels({tr("Server / Run"), tr("Status"), tr("Workflow"), tr("Events")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_tree->setColumnWidth(0, 220);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->hide();
    createActions();
    auto *bar = new QToolBar(this);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addActions({m_add, m_edit, m_remove, m_reconnect});
    bar->addSeparator();
    bar->addActions({m_open_, m_runOnServer, m_stop});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(bar);
    layout->addWidget(m_tree);
    layout->addWidget(m_message);
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &RemoteDock::updateActions);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (item->data(0, KindRole).toInt() == 1)
            openRun(selectedServer(), item->data(0, IdRole).toString());
    });
    load();
    updateActions();
}

RemoteDock::~RemoteDock() = default;

void RemoteDock::createActions()
{
    m_add = new QAction(tr("Add Server…"), this);
    m_edit = new QAction(tr("Edit…"), this);
    m_remove = new QAction(tr("Remove"), this);
    m_reconnect = new QAction(tr("Reconnect"), this);
    m_open_ = new QAction(tr("Open Run"), this);
    m_runOnServer = new QAction(tr("Run on Server"), this);
    m_stop = new QAction(tr("Stop Remote Run"), this);
    m_add->setObjectName(QStringLiteral("RemoteAddServer"));
    m_runOnServer->setObjectName(QStringLiteral("RemoteRunOnServer"));
    m_runOnServer->setToolTip(tr("Run the workflow in the editor on the selected server"));
    connect(m_add, &QAction::triggered, this, [this] { addOrEdit(-1); });
    connect(m_edit, &QAction::triggered, this, [this] { addOrEdit(selectedServer()); });
    connect(m_remove, &QAction::triggered, this, &RemoteDock::removeSelected);
    connect(m_reconnect, &QAction::triggered, this, [this] {
        if (RemoteClient *c = client(selectedServer()))
            c->open();
    });
    connect(m_open_, &QAction::triggered, this, [this] { openRun(selectedServer(), selectedRun()); });
    connect(m_runOnServer, &QAction::triggered, this, [this] { runOnServer(selectedServer()); });
    connect(m_stop, &QAction::triggered, this, &RemoteDock::stopSelected);
}

QList<QAction *> RemoteDock::remoteActions() const
{
    return {m_add, m_edit, m_remove, m_reconnect, m_open_, m_runOnServer, m_stop};
}

void RemoteDock::load()
{
    QSettings settings;
    const int n = settings.beginReadArray(QStringLiteral("remote/servers"));
    QList<Server> loaded;
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        Server server;
        server.id = settings.value("id").toString();
        server.name = settings.value("name").toString();
        server.url = settings.value("url").toUrl();
        loaded.append(server);
    }
    settings.endArray();
    for (const Server &s : std::as_const(loaded)) {
        m_servers.append(s);
        Server &server = m_servers.last();
        server.item = new QTreeWidgetItem(m_tree, {server.name});
        server.item->setData(0, IdRole, server.id);
        server.item->setData(0, KindRole, 0);
        const QString id = server.id;
        m_tokens->read(id, [this, id](const QString &token) {
            for (Server &s : m_servers) {
                if (s.id == id && !s.client)
                    connectServer(s, token);
            }
        });
    }
}

void RemoteDock::save() const
{
    QSettings settings;
    settings.beginWriteArray(QStringLiteral("remote/servers"), int(m_servers.size()));
    for (int i = 0; i < m_servers.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue("id", m_servers.at(i).id);
        settings.setValue("name", m_servers.at(i).name);
        settings.setValue("url", m_servers.at(i).url);
        // The token is not here: see TokenStore.
    }
    settings.endArray();
}

void RemoteDock::addServer(const QString &name, const QUrl &url, const QString &token)
{
    Server server{QUuid::createUuid().toString(QUuid::WithoutBraces), name.isEmpty() ? url.host() : name,
                  url};
    server.item = new QTreeWidgetItem(m_tree, {server.name});
    server.item->setData(0, IdRole, server.id);
    server.item->setData(0, KindRole, 0);
    m_servers.append(server);
    m_tokens->write(server.id, token);
    save();
    connectServer(m_servers.last(), token);
    m_tree->setCurrentItem(server.item);
}

void RemoteDock::connectServer(Server &server, const QString &token)
{
    delete server.client;
    server.client = new RemoteClient(this);
    server.client->setUrl(server.url);
    server.client->setToken(token);
    RemoteClient *c = server.client;
    connect(c, &RemoteClient::stateChanged, this, [this, c] {
        if (const int i = indexOf(c); i >= 0)
            updateServerItem(m_servers[i]);
        updateActions();
    });
    connect(c, &RemoteClient::welcomed, this, [c] { c->listRuns(); });
    connect(c, &RemoteClient::runsListed, this, [this, c](const QList<RunSummary> &runs) {
        if (const int i = indexOf(c); i >= 0) {
            for (const RunSummary &r : runs)
                updateRun(m_servers[i], r);
        }
    });
    connect(c, &RemoteClient::runUpdated, this, [this, c](const RunSummary &run) {
        if (const int i = indexOf(c); i >= 0)
            updateRun(m_servers[i], run);
    });
    connect(c, &RemoteClient::errorReceived, this, [this](int, const Remote::ServerMessage &error) {
        QString text = error.message;
        for (const Remote::WireDiagnostic &d : error.diagnostics)
            text += QStringLiteral("\n%1:%2: %3").arg(d.line).arg(d.column).arg(d.message);
        showMessage(text);
    });
    connect(c, &RemoteClient::started, this, [this, c](int, const QString &run) {
        if (const int i = indexOf(c); i >= 0)
            openRun(i, run);
    });
    updateServerItem(server);
    c->open();
}

int RemoteDock::indexOf(const RemoteClient *client) const
{
    for (int i = 0; i < m_servers.size(); ++i) {
        if (m_servers.at(i).client == client)
            return i;
    }
    return -1;
}

RemoteClient *RemoteDock::client(int server) const
{
    return server >= 0 && server < m_servers.size() ? m_servers.at(server).client : nullptr;
}

void RemoteDock::updateServerItem(const Server &server)
{
    server.item->setText(0, server.name);
    server.item->setToolTip(0, server.url.toString());
    if (server.client)
        server.item->setText(1, stateText(server.client->state(), server.client->lastError()));
}

void RemoteDock::updateRun(Server &server, const RunSummary &run)
{
    QTreeWidgetItem *item = nullptr;
    for (int i = 0; i < server.item->childCount(); ++i) {
        if (server.item->child(i)->data(0, IdRole).toString() == run.run)
            item = server.item->child(i);
    }
    if (!item) {
        item = new QTreeWidgetItem;
        item->setData(0, IdRole, run.run);
        item->setData(0, KindRole, 1);
        server.item->insertChild(0, item); // newest first
        server.item->setExpanded(true);
    }
    item->setText(0, QDateTime::fromMSecsSinceEpoch(run.startedAt).toString(QStringLiteral("HH:mm:ss")) + u' '
                         + run.run.left(8));
    item->setToolTip(0, run.run);
    item->setText(1, runStatusText(run.status));
    item->setText(2, run.workflow);
    item->setText(3, run.lastSeq ? QString::number(run.lastSeq) : QString());
    updateActions();
}

int RemoteDock::selectedServer() const
{
    QTreeWidgetItem *item = m_tree->currentItem();
    if (item && item->parent())
        item = item->parent();
    for (int i = 0; item && i < m_servers.size(); ++i) {
        if (m_servers.at(i).item == item)
            return i;
    }
    return -1;
}

QString RemoteDock::selectedRun() const
{
    QTreeWidgetItem *item = m_tree->currentItem();
    return item && item->data(0, KindRole).toInt() == 1 ? item->data(0, IdRole).toString() : QString();
}

void RemoteDock::updateActions()
{
    const RemoteClient *c = client(selectedServer());
    const bool connected = c && c->isConnected();
    m_edit->setEnabled(c);
    m_remove->setEnabled(c);
    m_reconnect->setEnabled(c);
    m_open_->setEnabled(connected && !selectedRun().isEmpty());
    m_runOnServer->setEnabled(connected);
    m_stop->setEnabled(connected && !selectedRun().isEmpty()
                       && m_tree->currentItem()->text(1) == runStatusText(QStringLiteral("running")));
}

void RemoteDock::openRun(int server, const QString &run)
{
    RemoteClient *c = client(server);
    if (!c || run.isEmpty())
        return;
    // One source per run: a second subscription through the same client would restart its stream.
    if (m_open.value(run))
        return;
    auto *source = new Remote::RemoteRunSource(c, run);
    m_open.insert(run, source);
    connect(source, &Remote::RemoteRunSource::ready, this, [this, source] {
        m_workbench->showRun(source); // the run list owns it from here
        source->start();
        emit runOpened(source->runId());
    });
    connect(source, &Remote::RemoteRunSource::failed, this, [this, source](const QString &message) {
        showMessage(message);
        if (!source->isReady())
            source->deleteLater();
    });
}

bool RemoteDock::runOnServer(int server)
{
    RemoteClient *c = client(server);
    if (!c || !c->isConnected())
        return false;
    showMessage({});
    return c->start(QString::fromUtf8(m_currentWorkflow())) != 0;
}

void RemoteDock::stopSelected()
{
    if (RemoteClient *c = client(selectedServer()); c && !selectedRun().isEmpty())
        c->cancel(selectedRun());
}

void RemoteDock::addOrEdit(int index)
{
    if (index < 0) {
        ServerDialog dialog({}, {}, {}, this);
        if (dialog.exec() == QDialog::Accepted)
            addServer(dialog.name(), dialog.url(), dialog.token());
        return;
    }
    Server &server = m_servers[index];
    const QString id = server.id;
    // The token is read first (asynchronously), then the dialog shows it masked.
    m_tokens->read(id, [this, id](const QString &token) {
        int i = -1;
        for (int k = 0; k < m_servers.size(); ++k) {
            if (m_servers.at(k).id == id)
                i = k;
        }
        if (i < 0)
            return;
        ServerDialog dialog(m_servers[i].name, m_servers[i].url, token, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        Server &s = m_servers[i];
        s.name = dialog.name().isEmpty() ? dialog.url().host() : dialog.name();
        s.url = dialog.url();
        m_tokens->write(s.id, dialog.token());
        save();
        qDeleteAll(s.item->takeChildren());
        connectServer(s, dialog.token());
    });
}

void RemoteDock::removeSelected()
{
    const int index = selectedServer();
    if (index < 0)
        return;
    Server server = m_servers.takeAt(index);
    m_tokens->remove(server.id);
    delete server.item;
    // Its open runs end (their sources see the client go) but stay listed with what they got.
    if (server.client)
        server.client->deleteLater();
    save();
    updateActions();
}

void RemoteDock::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

} // namespace Flow::Studio
