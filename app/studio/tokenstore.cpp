#include "tokenstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#ifdef FLOW_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace Flow::Studio {
namespace {

const QString service = QStringLiteral("Flowstudio remote servers");

} // namespace

TokenStore::TokenStore(QObject *parent)
    : QObject(parent)
    , m_useKeychain(hasKeychain())
{}

bool TokenStore::hasKeychain()
{
#ifdef FLOW_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

QString TokenStore::filePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
           + QStringLiteral("/remote-tokens.json");
}

QString TokenStore::readFile(const QString &key) const
{
    QFile file(filePath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.read(1 << 20)).object().value(key).toString();
}

void TokenStore::writeFile(const QString &key, const QString &token) const
{
    QJsonObject all;
    {
        QFile file(filePath());
        if (file.open(QIODevice::ReadOnly))
            all = QJsonDocument::fromJson(file.read(1 << 20)).object();
    }
    if (token.isEmpty())
        all.remove(key);
    else
        all.insert(key, token);
    QDir().mkpath(QFileInfo(filePath()).absolutePath());
    QFile file(filePath());
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    // Created 0600 (never readable by others, not even for a moment), and kept so if it existed.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate, ownerOnly))
        return;
    file.setPermissions(ownerOnly);
    file.write(QJsonDocument(all).toJson(QJsonDocument::Compact));
}

void TokenStore::read(const QString &key, std::function<void(const QString &)> done)
{
#ifdef FLOW_HAVE_KEYCHAIN
    if (m_useKeychain) {
        auto *job = new QKeychain::ReadPasswordJob(service, this);
        job->setKey(key);
        job->setAutoDelete(true);
        connect(job, &QKeychain::Job::finished, this, [this, job, key, done] {
            // No keychain answering (a headless session): the file is where write() put it.
            done(job->error() == QKeychain::NoError ? job->textData() : readFile(key));
        });
        job->start();
        return;
    }
#endif
    done(readFile(key));
}

void TokenStore::write(const QString &key, const QString &token)
{
#ifdef FLOW_HAVE_KEYCHAIN
    if (m_useKeychain) {
        auto *job = new QKeychain::WritePasswordJob(service, this);
        job->setKey(key);
        job->setTextData(token);
        job->setAutoDelete(true);
        connect(job, &QKeychain::Job::finished, this, [this, job, key, token] {
            if (job->error() != QKeychain::NoError)
                writeFile(key, token);
            else
                writeFile(key, {}); // an older copy in the file goes
        });
        job->start();
        return;
    }
#endif
    writeFile(key, token);
}

void TokenStore::remove(const QString &key)
{
#ifdef FLOW_HAVE_KEYCHAIN
    if (m_useKeychain) {
        auto *job = new QKeychain::DeletePasswordJob(service, this);
        job->setKey(key);
        job->setAutoDelete(true);
        job->start();
    }
#endif
    writeFile(key, {});
}

} // namespace Flow::Studio
