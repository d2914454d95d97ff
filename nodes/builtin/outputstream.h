#pragma once

#include "nodes/node.h"

#include <QByteArray>
#include <QString>

namespace Flow {

// One output stream of a process (stdout or stderr): cuts the bytes into lines as they arrive, logs
// each line at once, turns `::progress` lines on stdout into progress, and keeps the full text for
// the output port. A line is decoded only when complete, so a UTF-8 sequence split across two reads
// stays intact; a line longer than kMaxLineBytes is logged in pieces instead of growing without end.
class OutputStream
{
public:
    static constexpr qsizetype kMaxLineBytes = 64 * 1024;

    OutputStream(NodeContext &context, LogStream stream);

    void feed(QByteArrayView bytes);
    void finish(); // the stream ended: a last line without newline counts too

    // Everything written except progress lines, with one trailing newline removed.
    QString text() const;
    QString lastNonEmptyLine() const { return m_lastNonEmpty; }

private:
    void emitLine(QByteArrayView line, bool complete);

    NodeContext &m_context;
    LogStream m_stream;
    QByteArray m_pending;
    qsizetype m_scanned = 0; // bytes of m_pending already known to hold no newline
    bool m_midLine = false;  // the last piece emitted was cut from a long line
    QByteArray m_text;
    QString m_lastNonEmpty;
};

// Reads "::progress 42" (percent, also "42.5" or "42%") and "::progress 3/7" (steps). False for any
// other line, which is then ordinary output.
bool parseProgressLine(QStringView line, double *fraction, QString *text);

} // namespace Flow
