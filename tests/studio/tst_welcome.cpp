// The first-run welcome view and the keyboard shortcut sheet, in a real main window (offscreen).
#include "studiotestutil.h"

#include "documents/workflowsession.h"
#include "filecontroller.h"
#include "mainwindow.h"
#include "shortcutsheet.h"
#include "studioapp.h"
#include "welcomeview.h"

#include "canvas/canvaseditor.h"
#include "canvas/canvastheme.h"
#include "model/workflowdocument.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>

using namespace Flow;
using namespace Flow::Studio;

namespace {

// How many pixels of `image` have exactly `color` (card interiors are flat fills).
int pixelsOf(const QImage &image, const QColor &color)
{
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    int count = 0;
    for (int y = 0; y < argb.height(); ++y) {
        for (int x = 0; x < argb.width(); ++x)
            count += QColor(argb.pixel(x, y)).rgb() == color.rgb();
    }
    return count;
}

QStringList titlesOf(const QListWidget *list)
{
    QStringList titles;
    for (int i = 0; i < list->count(); ++i)
        titles.append(list->item(i)->text().section(QLatin1Char('\n'), 0, 0));
    return titles;
}

} // namespace

class TestWelcome : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void listsEveryBundledExample();
    void thumbnailsAreDrawnByTheCanvas_data();
    void thumbnailsAreDrawnByTheCanvas();
    void recentFiles_data();
    void recentFiles();
    void coversTheCanvasUntilAWorkflowIsOpened();
    void exampleOpensAsOwnCopy();
    void newHidesTheWelcome();
    void shortcutSheetListsTheActions_data();
    void shortcutSheetListsTheActions();
    void shortcutSheetFilters();

private:
    QTemporaryDir m_dir;
};

void TestWelcome::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setApplicationIdentity();
}

void TestWelcome::init()
{
    QSettings().clear();
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
}

void TestWelcome::listsEveryBundledExample()
{
    const QStringList files = StudioTest::exampleFiles();
    QVERIFY(files.size() >= 5);
    WelcomeView view(nullptr, {});
    QCOMPARE(view.exampleList()->count(), files.size());
    QVERIFY(titlesOf(view.exampleList()).contains(QStringLiteral("Shell pipeline")));
    // Sorted by title, each with its description as the tooltip.
    QStringList sorted = titlesOf(view.exampleList());
    std::sort(sorted.begin(), sorted.end(),
              [](const QString &a, const QString &b) { return a.localeAwareCompare(b) < 0; });
    QCOMPARE(titlesOf(view.exampleList()), sorted);
    for (int i = 0; i < view.exampleList()->count(); ++i)
        QVERIFY(!view.exampleList()->item(i)->toolTip().isEmpty());
}

void TestWelcome::thumbnailsAreDrawnByTheCanvas_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestWelcome::thumbnailsAreDrawnByTheCanvas()
{
    QFETCH(bool, dark);
    QPalette palette = QApplication::palette();
    if (dark) {
        palette.setColor(QPalette::Window, QColor(0x20, 0x22, 0x26));
        palette.setColor(QPalette::Base, QColor(0x18, 0x1a, 0x1e));
        palette.setColor(QPalette::WindowText, Qt::white);
        palette.setColor(QPalette::Text, Qt::white);
    }
    const CanvasTheme theme = CanvasTheme::fromPalette(palette);
    const QSize size(232, 136);
    const QImage one = renderWorkflowThumbnail(StudioTest::twoNodes(), nullptr, size, palette);
    QCOMPARE(one.size(), size);
    // The canvas's own card fill shows, on the canvas background.
    QVERIFY(pixelsOf(one, theme.cardFill) > 500);
    QVERIFY(pixelsOf(one, theme.background) > 2000);
    // A bigger graph draws more cards, each smaller: a different picture, still with cards.
    const QImage big = renderWorkflowThumbnail(StudioTest::readFile(StudioTest::exampleFiles().first()),
                                               nullptr, size, palette);
    QVERIFY(pixelsOf(big, theme.cardFill) > 200);
    QVERIFY(big != one);
    QVERIFY(renderWorkflowThumbnail("[1, 2, 3]\n", nullptr, size, palette).isNull());

    WelcomeView view(nullptr, {});
    QSignalSpy finished(&view, &WelcomeView::thumbnailsFinished);
    QVERIFY(!view.thumbnailsReady());
    QVERIFY(finished.wait(10000));
    QVERIFY(view.thumbnailsReady());
    const CanvasTheme viewTheme = CanvasTheme::fromPalette(view.palette());
    for (int i = 0; i < view.exampleList()->count(); ++i) {
        const QImage icon = view.exampleList()->item(i)->icon().pixmap(size).toImage();
        QVERIFY2(pixelsOf(icon, viewTheme.cardFill) > 100, qPrintable(view.exampleList()->item(i)->text()));
    }
}

void TestWelcome::recentFiles_data()
{
    QTest::addColumn<int>("existing");
    QTest::addColumn<int>("missing");
    QTest::addColumn<int>("shown");
    QTest::newRow("none") << 0 << 0 << 0;
    QTest::newRow("two") << 2 << 0 << 2;
    QTest::newRow("one gone") << 1 << 1 << 2;
    QTest::newRow("capped") << 12 << 0 << 8;
}

void TestWelcome::recentFiles()
{
    QFETCH(int, existing);
    QFETCH(int, missing);
    QFETCH(int, shown);
    QStringList recent;
    for (int i = 0; i < existing; ++i) {
        const QString path = m_dir.filePath(QStringLiteral("recent%1.yaml").arg(i));
        QVERIFY(StudioTest::writeFile(path, StudioTest::twoNodes()));
        recent.append(path);
    }
    for (int i = 0; i < missing; ++i)
        recent.append(m_dir.filePath(QStringLiteral("gone%1.yaml").arg(i)));
    WelcomeView view(nullptr, recent);
    QListWidget *list = view.recentList();
    QCOMPARE(list->count(), shown);
    QCOMPARE(list->isVisibleTo(&view), shown > 0);
    for (int i = 0; i < shown; ++i) {
        const bool exists = QFileInfo::exists(recent.at(i));
        QCOMPARE(bool(list->item(i)->flags() & Qt::ItemIsEnabled), exists);
        QVERIFY(list->item(i)->text().startsWith(QFileInfo(recent.at(i)).fileName()));
    }
    if (existing > 0) {
        QSignalSpy requested(&view, &WelcomeView::recentRequested);
        emit list->itemActivated(list->item(0));
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toString(), recent.first());
    }
}

void TestWelcome::coversTheCanvasUntilAWorkflowIsOpened()
{
    MainWindow window;
    window.files()->setAutomaticAnswer(FileController::Answer::Discard);
    WelcomeView *welcome = WelcomeView::install(&window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(welcome->isVisible());
    QCOMPARE(welcome->geometry(), window.canvas()->geometry());
    window.resize(window.size() + QSize(80, 40));
    QTRY_COMPARE(welcome->geometry(), window.canvas()->geometry());

    QVERIFY(window.files()->openFile(StudioTest::exampleFiles().first()));
    QVERIFY(!welcome->isVisible());
    QVERIFY(window.session()->document()->workflow().nodes.size() > 0);
}

void TestWelcome::exampleOpensAsOwnCopy()
{
    MainWindow window;
    window.files()->setAutomaticAnswer(FileController::Answer::Discard);
    WelcomeView *welcome = WelcomeView::install(&window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QListWidget *examples = welcome->exampleList();
    const int row = int(titlesOf(examples).indexOf(QStringLiteral("Shell pipeline")));
    QVERIFY(row >= 0);
    emit examples->itemActivated(examples->item(row));

    const QString copy = window.session()->filePath();
    QVERIFY2(copy.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)),
             qPrintable(copy));
    QCOMPARE(QFileInfo(copy).fileName(), QStringLiteral("shell-pipeline.yaml"));
    QCOMPARE(StudioTest::readFile(copy),
             StudioTest::readFile(QStringLiteral(":/examples/shell-pipeline.yaml")));
    QVERIFY(!window.session()->isModified());
    QVERIFY(!welcome->isVisible());

    // A changed copy is the user's work: opening the example again opens it, unchanged.
    QVERIFY(StudioTest::writeFile(copy, StudioTest::twoNodes()));
    QCOMPARE(exampleCopyPath(bundledExamples().at(row)), copy);
    QCOMPARE(StudioTest::readFile(copy), StudioTest::twoNodes());
}

void TestWelcome::newHidesTheWelcome()
{
    MainWindow window;
    WelcomeView *welcome = WelcomeView::install(&window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(welcome->isVisible());
    QTest::mouseClick(welcome->newButton(), Qt::LeftButton);
    QVERIFY(!welcome->isVisible());
    QVERIFY(window.session()->document()->workflow().nodes.isEmpty());
}

void TestWelcome::shortcutSheetListsTheActions_data()
{
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QKeySequence>("key");
    QTest::newRow("save") << "File"
                          << "Save" << QKeySequence(QKeySequence::Save);
    QTest::newRow("undo") << "Edit"
                          << "Undo" << QKeySequence(QKeySequence::Undo);
    QTest::newRow("command palette") << "View"
                                     << "Find Command" << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P);
    QTest::newRow("next problem") << "View"
                                  << "Next Problem" << QKeySequence(Qt::Key_F8);
    QTest::newRow("itself") << "Help"
                            << "Keyboard Shortcuts" << QKeySequence(Qt::CTRL | Qt::Key_Question);
}

void TestWelcome::shortcutSheetListsTheActions()
{
    QFETCH(QString, group);
    QFETCH(QString, command);
    QFETCH(QKeySequence, key);
    MainWindow window;
    const QList<ShortcutEntry> entries = collectShortcuts(&window, window.allActions());
    const QString keyText = key.toString(QKeySequence::NativeText);
    const auto found = std::find_if(entries.begin(), entries.end(), [&](const ShortcutEntry &e) {
        return e.group == group && e.command.startsWith(command) && e.keys.contains(keyText);
    });
    QVERIFY2(found != entries.end(), qPrintable(QStringLiteral("%1 / %2 / %3").arg(group, command, keyText)));
    for (const ShortcutEntry &e : entries)
        QVERIFY2(!e.keys.isEmpty() && !e.command.contains(QLatin1Char('&')), qPrintable(e.command));

    // The Help menu opens the sheet with the same rows.
    QAction *action = window.findAction(QStringLiteral("action.keyboardShortcuts"));
    QVERIFY(action);
    action->trigger();
    auto sheet = window.findChild<ShortcutSheet *>();
    QVERIFY(sheet);
    QTRY_VERIFY(sheet->isVisible());
    int rows = 0;
    for (int g = 0; g < sheet->tree()->topLevelItemCount(); ++g)
        rows += sheet->tree()->topLevelItem(g)->childCount();
    QCOMPARE(rows, entries.size());
}

void TestWelcome::shortcutSheetFilters()
{
    MainWindow window;
    ShortcutSheet sheet(collectShortcuts(&window, window.allActions()));
    sheet.filter()->setText(QStringLiteral("save"));
    int visible = 0;
    for (int g = 0; g < sheet.tree()->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = sheet.tree()->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (!group->child(i)->isHidden()) {
                ++visible;
                QVERIFY(group->child(i)->text(0).contains(QLatin1String("Save"), Qt::CaseInsensitive));
            }
        }
        QCOMPARE(group->isHidden(), group->text(0) != QLatin1String("File"));
    }
    QVERIFY(visible >= 1);
}

QTEST_MAIN(TestWelcome)
#include "tst_welcome.moc"
