#include "eventjson.h"

#include "isotime.h"
#include "jsonscanner.h"

#include <array>
#include <cstring>
#include <limits>

namespace Flow::EventJson {
namespace {

using Detail::Interner;
using Detail::Scanner;

const std::array<QByteArray, EventKindCount> &kindNames()
{
    static const std::array<QByteArray, EventKindCount> names = [] {
        std::array<QByteArray, EventKindCount> out;
        for (int k = 0; k < EventKindCount; ++k)
            out[size_t(k)] = eventKindName(EventKind(k)).toLatin1();
        return out;
    }();
    return names;
}

enum Field : unsigned { Attempt = 1, Data = 2, Kind = 4, Node = 8, Run = 16, Seq = 32, Time = 64 };

// The field `key` names; 0 for a key events do not have.
Field fieldOf(QByteArrayView key)
{
    switch (key.size()) { // one compare per key, not one per field name
    case 3:
        return key == "run" ? Run : key == "seq" ? Seq : Field(0);
    case 4:
        switch (key[0]) {
        case 'n':
            return key == "node" ? Node : Field(0);
        case 'd':
            return key == "data" ? Data : Field(0);
        case 'k':
            return key == "kind" ? Kind : Field(0);
        case 't':
            return key == "time" ? Time : Field(0);
        default:
            return Field(0);
        }
    case 7:
        return key == "attempt" ? Attempt : Field(0);
    default:
        return Field(0);
    }
}

bool readKind(Scanner &s, RunEvent &e)
{
    QByteArrayView name;
    if (!s.rawString(&name))
        return false;
    const auto &names = kindNames();
    for (size_t k = 0; k < names.size(); ++k) {
        if (names[k] == name) {
            e.kind = EventKind(k);
            return true;
        }
    }
    return false;
}

bool readTime(Scanner &s, RunEvent &e)
{
    if (!s.peek('"'))
        return s.integer(&e.time);
    QByteArrayView text;
    const std::optional<qint64> t
        = s.rawString(&text) ? parseIsoTimeFast(text.data(), text.size()) : std::nullopt;
    return t && (e.time = *t, true);
}

bool readAttempt(Scanner &s, RunEvent &e)
{
    qint64 a = 0;
    if (!s.integer(&a) || a < std::numeric_limits<int>::min() || a > std::numeric_limits<int>::max())
        return false;
    e.attempt = int(a);
    return true;
}

// A key events do not have, or one given twice: let the full reader decide what it means.
bool readField(Scanner &s, QByteArrayView key, RunEvent &e, unsigned &seen)
{
    const Field f = fieldOf(key);
    if (!f || (seen & f))
        return false;
    seen |= f;
    switch (f) {
    case Run:
        return s.string(&e.run);
    case Seq:
        return s.integer(&e.seq);
    case Node:
        return s.string(&e.node);
    case Attempt:
        return readAttempt(s, e);
    case Data:
        return s.object(&e.data, 1);
    case Kind:
        return readKind(s, e);
    case Time:
        return readTime(s, e);
    }
    return false;
}

// One event object at the scanner's position, which moves past it only on success.
std::optional<RunEvent> readEvent(Scanner &s)
{
    if (!s.take('{'))
        return std::nullopt;
    RunEvent e;
    unsigned seen = 0;
    do {
        QByteArrayView key;
        if (!s.rawString(&key) || !s.take(':') || !readField(s, key, e, seen))
            return std::nullopt;
    } while (s.take(','));
    if (!s.take('}') || (seen & (Run | Seq | Time | Kind)) != (Run | Seq | Time | Kind))
        return std::nullopt;
    return e;
}

} // namespace

std::optional<RunEvent> readEventLine(QByteArrayView line)
{
    Scanner s(line.data(), line.data() + line.size());
    std::optional<RunEvent> e = readEvent(s);
    if (!e || !s.atEnd())
        return std::nullopt;
    return e;
}

std::optional<EventsFrame> readEventsFrame(QByteArrayView frame)
{
    Interner interner;
    Scanner s(frame.data(), frame.data() + frame.size(), &interner);
    EventsFrame out;
    if (!s.take(R"({"v":1,"type":"events","run":)") || !s.string(&out.run) || !s.take(R"(,"events":[)"))
        return std::nullopt;
    if (!s.take(']')) {
        do {
            std::optional<RunEvent> e = readEvent(s);
            if (!e || e->run != out.run)
                return std::nullopt;
            e->run = out.run; // one shared string for the whole frame
            out.events.append(std::move(*e));
        } while (s.take(','));
        if (!s.take(']'))
            return std::nullopt;
    }
    if (!s.take('}') || !s.atEnd())
        return std::nullopt;
    return out;
}

bool identical(const QVariant &a, const QVariant &b)
{
    if (a.metaType() != b.metaType())
        return false;
    if (a.metaType().id() == QMetaType::QVariantMap) {
        const QVariantMap x = a.toMap(), y = b.toMap();
        if (x.size() != y.size())
            return false;
        for (auto i = x.cbegin(), j = y.cbegin(); i != x.cend(); ++i, ++j) {
            if (i.key() != j.key() || !identical(i.value(), j.value()))
                return false;
        }
        return true;
    }
    if (a.metaType().id() == QMetaType::QVariantList) {
        const QVariantList x = a.toList(), y = b.toList();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!identical(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    if (a.metaType().id() == QMetaType::Double) // bit for bit: -0.0 is not 0.0 here
        return std::memcmp(a.constData(), b.constData(), sizeof(double)) == 0;
    return a == b;
}

bool identical(const RunEvent &a, const RunEvent &b)
{
    return a == b && identical(QVariant(a.data), QVariant(b.data));
}

} // namespace Flow::EventJson
