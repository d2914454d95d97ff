#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace Flow::Studio {

// Where the Remote dock keeps server tokens: the desktop's keychain through QtKeychain when the app
// was built with it and a keychain answers, otherwise a JSON file in the app's config directory that
// only the user can read (0600). Never QSettings' plain file. Keychain calls are asynchronous, so
// the callbacks may come later (from the event loop), never on another thread.
class TokenStore : public QObject
{
    Q_OBJECT

public:
    explicit TokenStore(QObject *parent = nullptr);

    void read(const QString &key, std::function<void(const QString &token)> done);
    void write(const QString &key, const QString &token);
    void remove(const QString &key);

    // The fallback file (for tests and the docs).
    static QString filePath();
    static bool hasKeychain();
    // Set to false to use the file even where a keychain exists (tests, headless machines).
    void setUseKeychain(bool use) { m_useKeychain = use && hasKeychain(); }

private:
    QString readFile(const QString &key) const;
    void writeFile(const QString &key, const QString &token) const;

    bool m_useKeychain;
};

} // namespace Flow::Studio
