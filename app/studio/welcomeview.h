#pragma once

#include <QImage>
#include <QList>
#include <QString>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;
QT_END_NAMESPACE

namespace Flow {
class NodeTypeCatalog;
}

namespace Flow::Studio {

class MainWindow;

// A bundled example as the welcome view lists it.
struct ExampleInfo
{
    QString resourcePath; // ":/examples/shell-pipeline.yaml"
    QString title;        // the workflow's name, or the file name
    QString description;
};

// The bundled examples (resources/examples), by title.
QList<ExampleInfo> bundledExamples();

// A picture of a workflow drawn by the canvas itself (a GraphScene of the workflow, all nodes in view),
// `size` big, on the canvas background of `palette`. A null image when the text is not a workflow.
QImage renderWorkflowThumbnail(const QByteArray &yaml, const NodeTypeCatalog *catalog, const QSize &size,
                               const QPalette &palette);

// The user's own copy of an example, made on first use, so that running it writes next to the copy
// and saving never touches the bundled file: <app data>/examples/<file>. Empty when it cannot be made.
QString exampleCopyPath(const ExampleInfo &example);

// What the canvas area shows when the app starts without a file: New, Open, the recent files and the
// bundled examples with thumbnails. It covers the canvas until a workflow is opened, created or
// changed. The thumbnails are drawn one per event-loop turn, so the window appears at once.
class WelcomeView : public QWidget
{
    Q_OBJECT

public:
    WelcomeView(const NodeTypeCatalog *catalog, const QStringList &recentFiles, QWidget *parent = nullptr);

    // Puts a welcome view over `window`'s canvas and wires it to the window's file actions. It hides
    // itself once the window holds a workflow (opened, new, or edited).
    static WelcomeView *install(MainWindow *window);

    QListWidget *recentList() const { return m_recent; }
    QListWidget *exampleList() const { return m_examples; }
    QPushButton *newButton() const { return m_new; }
    QPushButton *openButton() const { return m_open; }
    // True once every example has its thumbnail.
    bool thumbnailsReady() const { return m_pendingThumbnails == 0; }

signals:
    void newRequested();
    void openRequested();
    void recentRequested(const QString &path);
    void exampleRequested(const Flow::Studio::ExampleInfo &example);
    void thumbnailsFinished();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    QWidget *createStartColumn(const QStringList &recentFiles);
    QWidget *createExampleColumn();
    void renderNextThumbnail();

    const NodeTypeCatalog *m_catalog;
    QList<ExampleInfo> m_exampleInfos;
    QPushButton *m_new = nullptr;
    QPushButton *m_open = nullptr;
    QListWidget *m_recent = nullptr;
    QListWidget *m_examples = nullptr;
    int m_pendingThumbnails = 0;
};

} // namespace Flow::Studio
