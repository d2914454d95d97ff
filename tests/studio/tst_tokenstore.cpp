// The Remote dock's token file (where QtKeychain is not used): created 0600 whatever the umask, and
// made owner-only again when it was found readable by others. Never QSettings' plain file.
#include "tokenstore.h"

#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

#include <sys/stat.h>

using namespace Flow::Studio;

namespace {

int modeOf(const QString &path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

} // namespace

class TestTokenStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QFile::remove(TokenStore::filePath());
    }
    void fileIsOwnerOnly();
    void cleanupTestCase() { QFile::remove(TokenStore::filePath()); }
};

void TestTokenStore::fileIsOwnerOnly()
{
    TokenStore store;
    store.setUseKeychain(false);
    const mode_t oldMask = ::umask(0); // a umask that would let everyone read a new file
    store.write(QStringLiteral("server-a"), QStringLiteral("s3cret"));
    ::umask(oldMask);
    QCOMPARE(modeOf(TokenStore::filePath()), 0600);
    QString token;
    store.read(QStringLiteral("server-a"), [&](const QString &t) { token = t; });
    QCOMPARE(token, QStringLiteral("s3cret"));

    // Found readable by others (copied in by hand, say): owner-only again on the next write.
    QVERIFY(QFile::setPermissions(TokenStore::filePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                              | QFileDevice::ReadGroup
                                                              | QFileDevice::ReadOther));
    QCOMPARE(modeOf(TokenStore::filePath()), 0644);
    store.write(QStringLiteral("server-b"), QStringLiteral("other"));
    QCOMPARE(modeOf(TokenStore::filePath()), 0600);

    // The token is nowhere in QSettings' file.
    QSettings settings;
    settings.sync();
    QFile plain(settings.fileName());
    if (plain.open(QIODevice::ReadOnly))
        QVERIFY(!plain.readAll().contains("s3cret"));
}

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
