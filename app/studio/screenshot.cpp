#include "screenshot.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEvent>
#include <QImageWriter>
#include <QPixmap>
#include <QPointer>
#include <QTimer>
#include <QWidget>
#include <QWindow>

namespace Flow::Studio {
namespace {

// Polls on the event loop (never blocks it): first for exposure and a paint, then for a few quiet
// frames so that resize-driven work (zoom-to-fit, dock layout) has happened before the grab.
class ScreenshotTaker : public QObject
{
public:
    ScreenshotTaker(QWidget *window, const QString &path, std::function<bool()> isReady,
                    std::function<void(const QString &)> done)
        : QObject(window)
        , m_window(window)
        , m_path(path)
        , m_isReady(std::move(isReady))
        , m_done(std::move(done))
    {
        m_window->installEventFilter(this);
        m_clock.start();
        connect(&m_timer, &QTimer::timeout, this, &ScreenshotTaker::poll);
        m_timer.start(25);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_window && event->type() == QEvent::Paint)
            m_painted = true;
        return QObject::eventFilter(watched, event);
    }

private:
    void poll()
    {
        const bool exposed = m_window->windowHandle() && m_window->windowHandle()->isExposed();
        const bool ready = exposed && m_painted && (!m_isReady || m_isReady());
        m_quietPolls = ready ? m_quietPolls + 1 : 0;
        // 8 quiet polls = 200 ms after everything reported ready; 15 s is a hard limit so that a
        // screenshot of a stuck window is still written rather than hanging a script.
        if (m_quietPolls < 8 && m_clock.elapsed() < 15000)
            return;
        m_timer.stop();
        finish();
    }

    void finish()
    {
        const QPixmap pixmap = m_window->grab();
        QString error;
        QImageWriter writer(m_path, "png");
        if (pixmap.isNull())
            error = QCoreApplication::translate("Flow::Studio::Screenshot", "The window could not be drawn.");
        else if (!writer.write(pixmap.toImage()))
            error = QCoreApplication::translate("Flow::Studio::Screenshot", "Cannot write %1: %2")
                        .arg(QDir::toNativeSeparators(m_path), writer.errorString());
        m_window->removeEventFilter(this);
        auto done = std::move(m_done);
        deleteLater();
        done(error);
    }

    QPointer<QWidget> m_window;
    QString m_path;
    std::function<bool()> m_isReady;
    std::function<void(const QString &)> m_done;
    QTimer m_timer;
    QElapsedTimer m_clock;
    bool m_painted = false;
    int m_quietPolls = 0;
};

} // namespace

void takeScreenshotWhenReady(QWidget *window, const QString &path, std::function<bool()> isReady,
                             std::function<void(const QString &error)> done)
{
    new ScreenshotTaker(window, path, std::move(isReady), std::move(done));
}

} // namespace Flow::Studio
