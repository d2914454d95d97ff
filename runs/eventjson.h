#pragma once

#include "runevent.h"

#include <QByteArrayView>

#include <optional>

// Internal to the event codec and the remote protocol: a reader for the JSON that RunEvent::toJson()
// writes, without building a QJsonDocument first (which was four fifths of a remote client's CPU).
//
// It knows one shape for certain, compact JSON as QJsonDocument writes it, and says "not sure"
// (nullopt) for anything else: whitespace, unknown or repeated keys, numbers it cannot type exactly as
// Qt's parser would, `\u` surrogates, invalid text. The caller then takes the QJsonDocument path, which
// decides. So the fast path never accepts what the slow one refuses, nor reads a value differently;
// tst_eventjson and fuzz_protocol compare the two.
namespace Flow::EventJson {

// A whole line holding one event object and nothing else.
std::optional<RunEvent> readEventLine(QByteArrayView line);

// `{"v":1,"type":"events","run":R,"events":[E,...]}` exactly, every event of run R: the run and its
// events. Nullopt for anything else, including frames the full decoder would refuse.
struct EventsFrame
{
    QString run;
    RunEvents events;
};
std::optional<EventsFrame> readEventsFrame(QByteArrayView frame);

// Equal, and every value in `data` of the same type at every depth (a qint64 1 and a double 1.0
// compare equal as QVariants, but are not the same reading).
bool identical(const RunEvent &a, const RunEvent &b);
bool identical(const QVariant &a, const QVariant &b);

} // namespace Flow::EventJson
