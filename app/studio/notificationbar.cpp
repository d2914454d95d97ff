#include "notificationbar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace Flow::Studio {

NotificationBar::NotificationBar(const QString &id, Kind kind, const QString &text, QWidget *parent)
    : QFrame(parent)
    , m_id(id)
    , m_kind(kind)
    , m_text(new QLabel(text, this))
    , m_buttons(new QHBoxLayout)
{
    setAutoFillBackground(true);
    setFrameShape(QFrame::NoFrame);
    auto icon = new QLabel(this);
    const QStyle::StandardPixmap pixmap = kind == Kind::Error     ? QStyle::SP_MessageBoxCritical
                                          : kind == Kind::Warning ? QStyle::SP_MessageBoxWarning
                                                                  : QStyle::SP_MessageBoxInformation;
    icon->setPixmap(style()->standardIcon(pixmap).pixmap(18, 18));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto close = new QToolButton(this);
    close->setAutoRaise(true);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Close"));
    connect(close, &QToolButton::clicked, this, [this] {
        emit closed();
        deleteLater();
    });
    auto layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 5, 6, 5);
    layout->addWidget(icon);
    layout->addWidget(m_text, 1);
    layout->addLayout(m_buttons);
    layout->addWidget(close);
    applyColors();
}

QString NotificationBar::text() const
{
    return m_text->text();
}

QPushButton *NotificationBar::addButton(const QString &text, std::function<void()> action)
{
    auto button = new QPushButton(text, this);
    m_buttons->addWidget(button);
    connect(button, &QPushButton::clicked, this, [this, action = std::move(action)] {
        hide();
        emit closed();
        deleteLater();
        if (action)
            action();
    });
    return button;
}

void NotificationBar::applyColors()
{
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    QColor background;
    switch (m_kind) {
    case Kind::Info:
        background = dark ? QColor(0x1d3350) : QColor(0xddf4ff);
        break;
    case Kind::Warning:
        background = dark ? QColor(0x4a3b12) : QColor(0xfff4ce);
        break;
    case Kind::Error:
        background = dark ? QColor(0x4f1f1f) : QColor(0xffebe9);
        break;
    }
    QPalette p = palette();
    p.setColor(QPalette::Window, background);
    setPalette(p);
}

void NotificationBar::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    // Setting the same colours again causes no further change event, so this settles at once.
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

NotificationArea::NotificationArea(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(1);
}

NotificationBar *NotificationArea::show(const QString &id, NotificationBar::Kind kind, const QString &text)
{
    dismiss(id);
    auto bar = new NotificationBar(id, kind, text, this);
    m_layout->addWidget(bar);
    // Children added to a visible widget stay hidden until shown.
    bar->show();
    return bar;
}

NotificationBar *NotificationArea::bar(const QString &id) const
{
    const QList<NotificationBar *> bars
        = findChildren<NotificationBar *>(QString(), Qt::FindDirectChildrenOnly);
    for (NotificationBar *bar : bars) {
        if (bar->id() == id && !bar->isHidden())
            return bar;
    }
    return nullptr;
}

void NotificationArea::dismiss(const QString &id)
{
    if (NotificationBar *old = bar(id)) {
        old->hide();
        old->deleteLater();
    }
}

} // namespace Flow::Studio
