#include "runsource.h"

namespace Flow {

RunSource::RunSource(QObject *parent)
    : QObject(parent)
{}

void RunSource::deliver(const RunEvents &batch)
{
    if (batch.isEmpty() || m_finished)
        return;
    emit events(batch);
    for (auto it = batch.crbegin(); it != batch.crend(); ++it) {
        if (it->kind != EventKind::RunFinished)
            continue;
        m_finished = true;
        const auto status = runStatusFromName(it->data.value(QStringLiteral("status")).toString());
        emit canStopChanged(false);
        emit finished(status.value_or(RunStatus::Failed), it->data.value(QStringLiteral("error")).toString());
        return;
    }
}

void RunSource::endWithout(const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    emit canStopChanged(false);
    emit finished(RunStatus::Failed, error);
}

} // namespace Flow
