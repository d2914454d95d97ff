#pragma once

#include <QString>

#include <functional>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace Flow::Studio {

// The --screenshot hook: once `window` is shown, exposed and painted and `isReady` says the content has
// settled (e.g. no auto-layout still running), grabs the whole window with QWidget::grab(), writes it
// as PNG to `path` and calls `done` with an error message (empty on success). Needs no X server: it
// works on the offscreen platform.
void takeScreenshotWhenReady(QWidget *window, const QString &path, std::function<bool()> isReady,
                             std::function<void(const QString &error)> done);

} // namespace Flow::Studio
