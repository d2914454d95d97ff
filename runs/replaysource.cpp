#include "replaysource.h"

#include "ndjson.h"

#include <QCoreApplication>
#include <QFile>

namespace Flow {

ReplaySource::ReplaySource(RunEvents events, QString workflowText, QString workflowPath, QObject *parent)
    : RunSource(parent)
    , m_events(std::move(events))
    , m_runId(m_events.isEmpty() ? QString() : m_events.constFirst().run)
    , m_text(std::move(workflowText))
    , m_path(std::move(workflowPath))
{
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &ReplaySource::deliverNext);
}

ReplaySource *ReplaySource::fromNdjson(const QString &path, QString *error, QObject *parent)
{
    std::optional<RunEvents> events = readNdjson(path, error);
    return events ? new ReplaySource(std::move(*events), {}, path, parent) : nullptr;
}

std::optional<RunEvents> ReplaySource::readNdjson(const QString &path, QString *error)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("Flow::ReplaySource", text); };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    NdjsonDecoder decoder;
    RunEvents events;
    while (!file.atEnd())
        events += decoder.feed(file.read(1 << 20));
    events += decoder.finish();
    if (!decoder.errors().isEmpty()) {
        const NdjsonDecoder::Error &e = decoder.errors().constFirst();
        *error = QStringLiteral("%1:%2: %3").arg(path).arg(e.line).arg(e.message);
        return std::nullopt;
    }
    if (events.isEmpty()) {
        *error = QStringLiteral("%1: %2").arg(path, tr("no run events in the file"));
        return std::nullopt;
    }
    const QString run = events.constFirst().run;
    for (const RunEvent &e : std::as_const(events)) {
        if (e.run != run) {
            *error = QStringLiteral("%1: %2").arg(path, tr("events of more than one run"));
            return std::nullopt;
        }
    }
    return events;
}

void ReplaySource::start()
{
    m_timer.start();
}

void ReplaySource::deliverNext()
{
    const qsizetype n = qMin<qsizetype>(m_batchSize, m_events.size() - m_next);
    if (n > 0) {
        const RunEvents batch = m_events.sliced(m_next, n);
        m_next += n;
        deliver(batch);
    }
    if (m_next < m_events.size())
        return;
    m_timer.stop();
    endWithout(QCoreApplication::translate("Flow::ReplaySource", "the recording ends before the run does"));
}

} // namespace Flow
