#pragma once

#include "runevent.h"

#include <QByteArray>
#include <QString>

namespace Flow {

// The NDJSON form of a run's events: one RunEvent::toJsonLine() per line, '\n' after each. It is what
// `flowrun run --json` prints, what `flowrun show --events` prints back from the history, and the
// payload of the remote protocol's event messages: one codec for all of them.
QByteArray encodeNdjson(const RunEvents &events);

// Reads NDJSON that arrives in pieces (a pipe, a socket, a file read in blocks). Complete lines are
// decoded as they come; a partial last line waits for the next feed() or for finish().
class NdjsonDecoder
{
public:
    struct Error
    {
        qint64 line = 0; // 1-based line number in the whole stream
        QString message;
    };

    // Appends `bytes` and returns the events of every line completed by them. Lines that are not
    // events are counted in errors(), never thrown: a damaged line must not lose the ones after it.
    RunEvents feed(QByteArrayView bytes);
    // End of input: decodes a last line that had no newline.
    RunEvents finish();

    const QList<Error> &errors() const { return m_errors; }
    qint64 lines() const { return m_line; }

    // A line longer than this is an error, not a reason to buffer without bound.
    static constexpr qsizetype MaxLineBytes = 64 * 1024 * 1024;

private:
    void decodeLine(QByteArrayView line, RunEvents &out);

    QByteArray m_pending;
    qint64 m_line = 0;
    bool m_skipping = false; // inside an over-long line: drop bytes up to its end
    QList<Error> m_errors;
};

} // namespace Flow
