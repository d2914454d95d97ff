#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace Flow::Studio {

class WorkflowSession;
class YamlEditor;

// The YAML view: a banner (shown while the text does not parse) over the YAML editor, kept in sync
// with the session in both directions.
class YamlPane : public QWidget
{
    Q_OBJECT

public:
    explicit YamlPane(WorkflowSession *session, QWidget *parent = nullptr);

    YamlEditor *editor() const { return m_editor; }
    bool isBannerVisible() const;
    QString bannerText() const;

private:
    void reloadText();
    void updateBanner();
    void updateDiagnostics();

    WorkflowSession *m_session;
    QWidget *m_banner;
    QLabel *m_bannerText;
    YamlEditor *m_editor;
    bool m_settingText = false;
};

} // namespace Flow::Studio
