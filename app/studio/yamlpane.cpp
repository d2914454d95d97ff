#include "yamlpane.h"

#include "documents/workflowsession.h"
#include "yamleditor.h"

#include "model/diagnostic.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QVBoxLayout>

namespace Flow::Studio {

YamlPane::YamlPane(WorkflowSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_banner(new QWidget(this))
    , m_bannerText(new QLabel(m_banner))
    , m_editor(new YamlEditor(this))
{
    m_banner->setObjectName(QStringLiteral("yamlBanner"));
    m_banner->setAutoFillBackground(true);
    auto icon = new QLabel(m_banner);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(16, 16));
    m_bannerText->setWordWrap(true);
    auto bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(8, 6, 8, 6);
    bannerLayout->addWidget(icon, 0, Qt::AlignTop);
    bannerLayout->addWidget(m_bannerText, 1);
    m_banner->hide();

    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_editor, 1);

    connect(m_editor, &QsciScintilla::textChanged, this, [this] {
        if (!m_settingText)
            m_session->setEditedText(m_editor->text().toUtf8());
    });
    connect(m_session, &WorkflowSession::textReplaced, this, &YamlPane::reloadText);
    connect(m_session, &WorkflowSession::loaded, this, [this] {
        m_editor->SendScintilla(QsciScintilla::SCI_EMPTYUNDOBUFFER);
        m_editor->setCursorPosition(0, 0);
    });
    connect(m_session, &WorkflowSession::diagnosticsChanged, this, &YamlPane::updateDiagnostics);
    connect(m_session, &WorkflowSession::parseStateChanged, this, &YamlPane::updateBanner);
    reloadText();
    updateDiagnostics();
    updateBanner();
}

bool YamlPane::isBannerVisible() const
{
    return !m_banner->isHidden();
}

QString YamlPane::bannerText() const
{
    return m_bannerText->text();
}

void YamlPane::reloadText()
{
    m_settingText = true;
    m_editor->replaceText(QString::fromUtf8(m_session->text()));
    m_settingText = false;
    // Markers belong to lines of the text they were computed for; re-place them on the new text.
    updateDiagnostics();
}

void YamlPane::updateDiagnostics()
{
    m_editor->setDiagnostics(m_session->diagnostics());
    updateBanner();
}

void YamlPane::updateBanner()
{
    const bool broken = !m_session->textParses();
    if (broken) {
        const Diagnostics &diagnostics = m_session->diagnostics();
        const auto first = std::find_if(diagnostics.begin(), diagnostics.end(), [](const Diagnostic &d) {
            return d.severity == Diagnostic::Severity::Error;
        });
        if (first != diagnostics.end() && first->pos.isValid()) {
            m_bannerText->setText(tr("The YAML text does not parse (line %1: %2). The canvas shows the last "
                                     "valid state.")
                                      .arg(first->pos.line)
                                      .arg(first->message));
        } else {
            m_bannerText->setText(tr("The YAML text does not parse. The canvas shows the last valid state."));
        }
        QPalette p = m_banner->palette();
        const bool dark = palette().color(QPalette::Base).lightness() < 128;
        p.setColor(QPalette::Window, dark ? QColor(0x4a3b12) : QColor(0xfff4ce));
        p.setColor(QPalette::WindowText, dark ? QColor(0xf5e3a6) : QColor(0x4d3800));
        m_banner->setPalette(p);
        m_bannerText->setPalette(p);
    }
    m_banner->setVisible(broken);
}

} // namespace Flow::Studio
