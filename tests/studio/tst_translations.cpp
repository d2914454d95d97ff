// The German translation is complete, keeps every placeholder, and is what the app shows with --lang de.
#include "localization.h"
#include "mainwindow.h"
#include "nodetypetexts.h"
#include "studioapp.h"

#include "canvas/palettewidget.h"
#include "nodes/registry.h"
#include "model/nodetypeinfo.h"

#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTreeWidget>
#include <QXmlStreamReader>
#include <QtTest>

using namespace Flow;
using namespace Flow::Studio;

namespace {

struct Message
{
    QString context;
    QString source;
    QStringList translations; // one, or the numerus forms
    bool unfinished = false;
    bool obsolete = false;
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            current = Message{context, {}, {}, false, false};
        } else if (name == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            current.unfinished = type == QLatin1String("unfinished");
            current.obsolete = type == QLatin1String("vanished") || type == QLatin1String("obsolete");
            QString text;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    current.translations.append(xml.readElementText());
                else if (xml.isEndElement() && xml.name() == QLatin1String("translation"))
                    break;
            }
            if (current.translations.isEmpty())
                current.translations.append(text);
            messages.append(current);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%(\\d+|n)"));
    QSet<QString> result;
    for (const QRegularExpressionMatch &m : pattern.globalMatch(text))
        result.insert(m.captured(0));
    return result;
}

} // namespace

class tst_Translations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyStringIsTranslated();
    void placeholdersAreKept();
    void nodeTypeTextsAreCurrent();
    void germanIsShown();

private:
    QList<Message> m_messages;
};

void tst_Translations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setApplicationIdentity();
    QString error;
    m_messages = readTs(QStringLiteral(FLOW_SOURCE_DIR "/translations/flowstudio_de.ts"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_messages.size() > 100);
}

void tst_Translations::everyStringIsTranslated()
{
    QStringList missing;
    for (const Message &m : std::as_const(m_messages)) {
        if (m.obsolete)
            continue;
        const bool empty = std::any_of(m.translations.begin(), m.translations.end(),
                                       [](const QString &t) { return t.trimmed().isEmpty(); });
        if (m.unfinished || empty)
            missing.append(m.context + QStringLiteral(": ") + m.source);
    }
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("untranslated in flowstudio_de.ts:\n  ")
                                           + missing.join(QStringLiteral("\n  "))));
}

void tst_Translations::placeholdersAreKept()
{
    QStringList broken;
    for (const Message &m : std::as_const(m_messages)) {
        if (m.obsolete)
            continue;
        for (const QString &translation : m.translations) {
            if (placeholders(translation) != placeholders(m.source))
                broken.append(m.source + QStringLiteral(" -> ") + translation);
        }
    }
    QVERIFY2(broken.isEmpty(), qPrintable(broken.join(QLatin1Char('\n'))));
}

void tst_Translations::nodeTypeTextsAreCurrent()
{
    // nodetypetexts.cpp is generated from the registry; a node type text missing there would stay English.
    const QStringList generated = nodeTypeSourceTexts();
    const QSet<QString> known(generated.begin(), generated.end());
    QStringList stale;
    for (const NodeTypeInfo *type : builtinCatalog()->all()) {
        QStringList texts{type->title, type->description};
        for (const PortInfo &port : type->inputs + type->outputs)
            texts.append(port.description);
        for (const ConfigField &field : type->config)
            texts.append(field.description);
        for (const QString &text : texts) {
            if (!text.isEmpty() && !known.contains(text))
                stale.append(text);
        }
    }
    QVERIFY2(stale.isEmpty(),
             qPrintable(QStringLiteral("run app/studio/tools/gen_nodetypetexts.py; missing:\n")
                        + stale.join(QLatin1Char('\n'))));
}

void tst_Translations::germanIsShown()
{
    QCOMPARE(installTranslations(QStringLiteral("de")), QStringLiteral("de"));
    QVERIFY(availableLanguages().contains(QStringLiteral("de")));
    MainWindow window;
    QStringList menus;
    for (QAction *action : window.menuBar()->actions())
        menus.append(action->text());
    QCOMPARE(menus.value(0), QStringLiteral("&Datei"));
    QCOMPARE(menus.value(1), QStringLiteral("&Bearbeiten"));
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("Unbenannt")));
    // Node types are shown translated in the palette.
    const QList<QTreeWidgetItem *> items = window.palette()->tree()->findItems(
        QStringLiteral("Shell-Befehl"), Qt::MatchRecursive | Qt::MatchContains);
    QVERIFY(!items.isEmpty());
}

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
