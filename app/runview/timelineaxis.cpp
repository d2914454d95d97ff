#include "timelineaxis.h"

#include <QCoreApplication>

#include <array>

namespace Flow {

namespace {

// Seconds with as many decimals as the step needs, trailing zeros dropped.
QString seconds(qint64 ms, int decimals)
{
    QString text = QString::number(double(ms) / 1000.0, 'f', decimals);
    if (text.contains(u'.')) {
        while (text.endsWith(u'0'))
            text.chop(1);
        if (text.endsWith(u'.'))
            text.chop(1);
    }
    return text;
}

QString minutesSeconds(qint64 ms)
{
    const qint64 s = ms / 1000;
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QChar(u'0'));
}

QString hoursMinutes(qint64 ms)
{
    const qint64 m = ms / 60000;
    return QStringLiteral("%1:%2:00").arg(m / 60).arg(m % 60, 2, 10, QChar(u'0'));
}

} // namespace

qint64 timelineTickStep(double msPerPixel, int minSpacing)
{
    static constexpr std::array<qint64, 27> steps{
        1,      2,      5,       10,      20,      50,       100,      200,      500,
        1000,   2000,   5000,    10000,   15000,   30000,    60000,    120000,   300000,
        600000, 900000, 1800000, 3600000, 7200000, 10800000, 21600000, 43200000, 86400000};
    const double wanted = msPerPixel * minSpacing;
    for (qint64 step : steps) {
        if (double(step) >= wanted)
            return step;
    }
    return steps.back();
}

QString timelineTickLabel(qint64 offset, qint64 step)
{
    if (offset == 0)
        return QStringLiteral("0");
    if (step < 1000) {
        if (offset < 1000)
            return QCoreApplication::translate("Flow::TimelineView", "%1 ms").arg(offset);
        return QCoreApplication::translate("Flow::TimelineView", "%1 s")
            .arg(seconds(offset, step >= 100  ? 1
                                 : step >= 10 ? 2
                                              : 3));
    }
    if (step < 60000)
        return offset < 60000 ? QCoreApplication::translate("Flow::TimelineView", "%1 s").arg(offset / 1000)
                              : minutesSeconds(offset);
    if (step < 3600000)
        return offset < 3600000
                   ? QCoreApplication::translate("Flow::TimelineView", "%1 min").arg(offset / 60000)
                   : hoursMinutes(offset);
    return QCoreApplication::translate("Flow::TimelineView", "%1 h").arg(offset / 3600000);
}

QString timelinePreciseDuration(qint64 ms)
{
    if (ms < 1000)
        return QCoreApplication::translate("Flow::TimelineView", "%1 ms").arg(ms);
    if (ms < 60000)
        return QCoreApplication::translate("Flow::TimelineView", "%1 s").arg(seconds(ms, 3));
    return QStringLiteral("%1.%2").arg(minutesSeconds(ms)).arg(ms % 1000 / 100);
}

} // namespace Flow
