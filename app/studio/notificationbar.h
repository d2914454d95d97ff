#pragma once

#include <QFrame>

#include <functional>

QT_BEGIN_NAMESPACE
class QHBoxLayout;
class QLabel;
class QPushButton;
class QVBoxLayout;
QT_END_NAMESPACE

namespace Flow::Studio {

// A non-modal message strip above the canvas (file changed on disk, recovered work, a file that could
// not be opened): it never blocks the event loop the way a modal dialog does, and it can carry buttons.
class NotificationBar : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Info, Warning, Error };

    NotificationBar(const QString &id, Kind kind, const QString &text, QWidget *parent = nullptr);

    QString id() const { return m_id; }
    QString text() const;
    // Adds a button; clicking it runs `action` and then closes the bar.
    QPushButton *addButton(const QString &text, std::function<void()> action);

signals:
    void closed();

private:
    void applyColors();
    void changeEvent(QEvent *event) override;

    QString m_id;
    Kind m_kind;
    QLabel *m_text;
    QHBoxLayout *m_buttons;
};

// The stack of bars; showing a bar with an id already shown replaces it.
class NotificationArea : public QWidget
{
    Q_OBJECT

public:
    explicit NotificationArea(QWidget *parent = nullptr);

    NotificationBar *show(const QString &id, NotificationBar::Kind kind, const QString &text);
    NotificationBar *bar(const QString &id) const;
    void dismiss(const QString &id);

private:
    QVBoxLayout *m_layout;
};

} // namespace Flow::Studio
