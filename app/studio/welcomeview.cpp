#include "welcomeview.h"

#include "documents/workflowsession.h"
#include "filecontroller.h"
#include "mainwindow.h"

#include "canvas/canvaseditor.h"
#include "canvas/graphscene.h"
#include "canvas/graphview.h"
#include "model/workflowdocument.h"
#include "model/workflowio.h"

#include <QApplication>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace Flow::Studio {
namespace {

const QSize ThumbnailSize(232, 136);
// Below this scale the cards draw as plain blocks (the canvas's overview level of detail); a thumbnail
// is drawn at least this big and then scaled down, so it shows real cards in miniature.
constexpr qreal ThumbnailDetailScale = 0.6;
constexpr qreal MaxOversampling = 4;
constexpr int ThumbnailMargin = 28; // scene units around the cards
constexpr int RecentShown = 8;

QLabel *heading(const QString &text, QWidget *parent, qreal scale = 1.25)
{
    auto label = new QLabel(text, parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * scale);
    font.setBold(true);
    label->setFont(font);
    return label;
}

QLabel *hint(const QString &text, QWidget *parent)
{
    auto label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

// A first sentence fits under a thumbnail; the whole description is the tooltip.
QString firstSentence(const QString &text)
{
    const qsizetype end = text.indexOf(QLatin1String(". "));
    return end > 0 ? text.left(end + 1) : text;
}

QPixmap placeholder(const QPalette &palette)
{
    QPixmap pixmap(ThumbnailSize);
    pixmap.fill(palette.color(QPalette::Base));
    return pixmap;
}

QPushButton *startButton(const QString &iconName, const QString &fallback, const QString &text,
                         const QKeySequence &shortcut, QWidget *parent)
{
    auto button = new QPushButton(QIcon::fromTheme(iconName, QIcon(fallback)), text, parent);
    if (!shortcut.isEmpty())
        button->setToolTip(shortcut.toString(QKeySequence::NativeText));
    button->setMinimumHeight(36);
    button->setStyleSheet(QStringLiteral("text-align: left; padding: 6px 12px;"));
    return button;
}

} // namespace

QList<ExampleInfo> bundledExamples()
{
    QList<ExampleInfo> examples;
    const QDir dir(QStringLiteral(":/examples"));
    for (const QString &name :
         dir.entryList({QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files)) {
        ExampleInfo info;
        info.resourcePath = dir.filePath(name);
        QFile file(info.resourcePath);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const LoadResult result = readWorkflow(file.readAll());
        if (!result.workflow)
            continue;
        info.title
            = result.workflow->name.isEmpty() ? QFileInfo(name).completeBaseName() : result.workflow->name;
        info.description = result.workflow->description;
        examples.append(info);
    }
    std::sort(examples.begin(), examples.end(), [](const ExampleInfo &a, const ExampleInfo &b) {
        return QString::localeAwareCompare(a.title, b.title) < 0;
    });
    return examples;
}

QImage renderWorkflowThumbnail(const QByteArray &yaml, const NodeTypeCatalog *catalog, const QSize &size,
                               const QPalette &palette)
{
    const LoadResult result = readWorkflow(yaml);
    if (!result.workflow)
        return {};
    WorkflowDocument document;
    document.setWorkflow(*result.workflow);
    GraphScene scene(&document, catalog);
    scene.setPalette(palette);
    scene.ensurePositions();
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(scene.theme().background);
    const QRectF source = scene.nodesBoundingRect().adjusted(-ThumbnailMargin, -ThumbnailMargin,
                                                             ThumbnailMargin, ThumbnailMargin);
    if (source.isEmpty())
        return image;
    const qreal scale = std::min(size.width() / source.width(), size.height() / source.height());
    const qreal oversampling = std::clamp(ThumbnailDetailScale / scale, 1.0, MaxOversampling);
    QImage large(size * oversampling, QImage::Format_ARGB32_Premultiplied);
    large.fill(scene.theme().background);
    // Kept in proportion and centred: a wide graph gets bands above and below, not squashed cards.
    const QSizeF fitted = source.size().scaled(QSizeF(large.size()), Qt::KeepAspectRatio);
    const QRectF target(QPointF((large.width() - fitted.width()) / 2, (large.height() - fitted.height()) / 2),
                        fitted);
    QPainter painter(&large);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                           | QPainter::SmoothPixmapTransform);
    scene.render(&painter, target, source, Qt::KeepAspectRatio);
    painter.end();
    return large.size() == size ? large : large.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

QString exampleCopyPath(const ExampleInfo &example)
{
    const QString dir
        = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QLatin1String("/examples");
    const QString path = dir + QLatin1Char('/') + QFileInfo(example.resourcePath).fileName();
    if (QFileInfo::exists(path))
        return path; // the user's copy, perhaps changed: never overwritten
    QFile source(example.resourcePath);
    QSaveFile copy(path);
    if (!QDir().mkpath(dir) || !source.open(QIODevice::ReadOnly) || !copy.open(QIODevice::WriteOnly)
        || copy.write(source.readAll()) < 0 || !copy.commit())
        return {};
    return path;
}

WelcomeView::WelcomeView(const NodeTypeCatalog *catalog, const QStringList &recentFiles, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_exampleInfos(bundledExamples())
{
    setObjectName(QStringLiteral("WelcomeView"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);

    auto title = heading(tr("Welcome to Flowstudio"), this, 1.8);
    auto icon = new QLabel(this);
    icon->setPixmap(QApplication::windowIcon().pixmap(56, 56));
    auto titleRow = new QHBoxLayout;
    titleRow->addWidget(icon);
    auto titleText = new QVBoxLayout;
    titleText->addWidget(title);
    titleText->addWidget(hint(tr("Build workflows as a node graph, keep them as readable YAML, and run them "
                                 "here or headless with flowrun."),
                              this));
    titleRow->addLayout(titleText, 1);

    auto top = new QHBoxLayout;
    top->setSpacing(40);
    top->addWidget(createStartColumn(recentFiles), 1);

    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 28, 40, 16);
    layout->setSpacing(20);
    layout->addLayout(titleRow);
    layout->addLayout(top);
    layout->addWidget(createExampleColumn(), 1);

    m_pendingThumbnails = int(m_exampleInfos.size());
    if (m_pendingThumbnails > 0)
        QTimer::singleShot(0, this, &WelcomeView::renderNextThumbnail);
}

QWidget *WelcomeView::createStartColumn(const QStringList &recentFiles)
{
    auto row = new QWidget(this);
    auto start = new QVBoxLayout;
    start->addWidget(heading(tr("Start"), row));
    m_new = startButton(QStringLiteral("document-new"), QStringLiteral(":/icons/add-node.svg"),
                        tr("New Workflow"), QKeySequence::New, row);
    m_open = startButton(QStringLiteral("document-open"), QString(), tr("Open a Workflow File…"),
                         QKeySequence::Open, row);
    connect(m_new, &QPushButton::clicked, this, &WelcomeView::newRequested);
    connect(m_open, &QPushButton::clicked, this, &WelcomeView::openRequested);
    start->addWidget(m_new);
    start->addWidget(m_open);
    start->addStretch(1);

    auto recent = new QVBoxLayout;
    recent->addWidget(heading(tr("Recent"), row));
    m_recent = new QListWidget(row);
    m_recent->setObjectName(QStringLiteral("WelcomeRecent"));
    m_recent->setFrameShape(QFrame::NoFrame);
    m_recent->viewport()->setBackgroundRole(QPalette::Window);
    m_recent->setTextElideMode(Qt::ElideMiddle);
    for (const QString &path : recentFiles.mid(0, RecentShown)) {
        const QFileInfo info(path);
        auto item = new QListWidgetItem(
            QStringLiteral("%1  —  %2").arg(info.fileName(), QDir::toNativeSeparators(info.absolutePath())),
            m_recent);
        item->setData(Qt::UserRole, path);
        item->setToolTip(QDir::toNativeSeparators(path));
        if (!info.exists()) {
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
            item->setToolTip(tr("%1 (no longer exists)").arg(QDir::toNativeSeparators(path)));
        }
    }
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { emit recentRequested(item->data(Qt::UserRole).toString()); });
    // Room for five files; more scroll.
    m_recent->setFixedHeight(5 * m_recent->fontMetrics().height() * 3 / 2 + 4);
    recent->addWidget(m_recent);
    QLabel *none = hint(tr("Files you open or save appear here."), row);
    none->setVisible(m_recent->count() == 0);
    m_recent->setVisible(m_recent->count() > 0);
    recent->addWidget(none);
    recent->addStretch(1);

    auto layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(40);
    auto startColumn = new QWidget(row);
    startColumn->setLayout(start);
    startColumn->setFixedWidth(260);
    start->setContentsMargins(0, 0, 0, 0);
    recent->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(startColumn);
    layout->addLayout(recent, 1);
    return row;
}

QWidget *WelcomeView::createExampleColumn()
{
    auto column = new QWidget(this);
    auto layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    auto title = new QHBoxLayout;
    title->addWidget(heading(tr("Examples"), column));
    title->addSpacing(12);
    title->addWidget(hint(tr("Each opens as your own copy: explore it, run it, change it."), column), 1,
                     Qt::AlignBottom);
    layout->addLayout(title);

    m_examples = new QListWidget(column);
    m_examples->setObjectName(QStringLiteral("WelcomeExamples"));
    m_examples->setViewMode(QListView::IconMode);
    m_examples->setMovement(QListView::Static);
    m_examples->setResizeMode(QListView::Adjust);
    m_examples->setWrapping(true);
    m_examples->setWordWrap(true);
    m_examples->setIconSize(ThumbnailSize);
    m_examples->setGridSize(ThumbnailSize + QSize(20, 58));
    m_examples->setSpacing(8);
    m_examples->setUniformItemSizes(true);
    m_examples->setFrameShape(QFrame::NoFrame);
    m_examples->viewport()->setBackgroundRole(QPalette::Window);
    const QPixmap empty = placeholder(palette());
    for (const ExampleInfo &example : std::as_const(m_exampleInfos)) {
        auto item = new QListWidgetItem(
            QIcon(empty), QStringLiteral("%1\n%2").arg(example.title, firstSentence(example.description)),
            m_examples);
        item->setToolTip(QStringLiteral("<b>%1</b><p>%2</p>")
                             .arg(example.title.toHtmlEscaped(), example.description.toHtmlEscaped()));
        item->setTextAlignment(Qt::AlignHCenter | Qt::AlignTop);
    }
    connect(m_examples, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit exampleRequested(m_exampleInfos.at(m_examples->row(item)));
    });
    layout->addWidget(m_examples, 1);
    return column;
}

void WelcomeView::renderNextThumbnail()
{
    const int index = int(m_exampleInfos.size()) - m_pendingThumbnails;
    QFile file(m_exampleInfos.at(index).resourcePath);
    if (file.open(QIODevice::ReadOnly)) {
        const QImage image = renderWorkflowThumbnail(file.readAll(), m_catalog, ThumbnailSize, palette());
        if (!image.isNull())
            m_examples->item(index)->setIcon(QIcon(QPixmap::fromImage(image)));
    }
    if (--m_pendingThumbnails > 0)
        QTimer::singleShot(0, this, &WelcomeView::renderNextThumbnail);
    else
        emit thumbnailsFinished();
}

bool WelcomeView::eventFilter(QObject *watched, QEvent *event)
{
    // Follows the canvas it covers (a sibling, so the canvas's own overlays stay beneath it).
    if (auto canvas = qobject_cast<QWidget *>(watched);
        canvas && (event->type() == QEvent::Resize || event->type() == QEvent::Move))
        setGeometry(canvas->geometry());
    return QWidget::eventFilter(watched, event);
}

void WelcomeView::keyPressEvent(QKeyEvent *event)
{
    // Escape goes to the empty canvas, like New without the question.
    if (event->key() == Qt::Key_Escape) {
        hide();
        return;
    }
    QWidget::keyPressEvent(event);
}

WelcomeView *WelcomeView::install(MainWindow *window)
{
    CanvasEditor *canvas = window->canvas();
    auto view = new WelcomeView(window->session()->catalog(), window->files()->recentFiles(),
                                canvas->parentWidget());
    canvas->installEventFilter(view);
    view->setGeometry(canvas->geometry());
    view->raise();
    view->show();
    FileController *files = window->files();
    connect(view, &WelcomeView::newRequested, window, [view, files] {
        if (files->newFile())
            view->hide();
    });
    connect(view, &WelcomeView::openRequested, files->openAction(), &QAction::trigger);
    connect(view, &WelcomeView::recentRequested, files,
            [files](const QString &path) { files->openFile(path); });
    connect(view, &WelcomeView::exampleRequested, window, [window, files](const ExampleInfo &example) {
        const QString path = exampleCopyPath(example);
        if (path.isEmpty())
            emit files->message(tr("Could not copy the example \"%1\"").arg(example.title));
        else
            files->openFile(path);
    });
    // Whatever puts a workflow in the window ends the welcome: open, new, recovery, drop, palette.
    WorkflowSession *session = window->session();
    connect(session, &WorkflowSession::filePathChanged, view, &QWidget::hide);
    connect(session, &WorkflowSession::loaded, view, [view, session] {
        if (!session->filePath().isEmpty() || session->isModified())
            view->hide();
    });
    connect(session->document(), &WorkflowDocument::changed, view, &QWidget::hide);
    return view;
}

} // namespace Flow::Studio
