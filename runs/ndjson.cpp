#include "ndjson.h"

#include <QCoreApplication>

namespace Flow {

QByteArray encodeNdjson(const RunEvents &events)
{
    QByteArray out;
    for (const RunEvent &e : events) {
        out += e.toJsonLine();
        out += '\n';
    }
    return out;
}

RunEvents NdjsonDecoder::feed(QByteArrayView bytes)
{
    RunEvents out;
    qsizetype from = 0;
    while (from < bytes.size()) {
        const qsizetype nl = bytes.indexOf('\n', from);
        const QByteArrayView piece = bytes.sliced(from, (nl < 0 ? bytes.size() : nl) - from);
        if (!m_skipping)
            m_pending.append(piece);
        if (m_pending.size() > MaxLineBytes && !m_skipping) {
            m_skipping = true;
            m_pending.clear();
        }
        if (nl < 0)
            break;
        ++m_line;
        if (m_skipping) {
            m_errors.append({m_line, QCoreApplication::translate("Flow::Ndjson", "line too long")});
            m_skipping = false;
        } else {
            decodeLine(m_pending, out);
        }
        m_pending.clear();
        from = nl + 1;
    }
    return out;
}

RunEvents NdjsonDecoder::finish()
{
    RunEvents out;
    if (!m_pending.isEmpty() || m_skipping) {
        ++m_line;
        if (m_skipping)
            m_errors.append({m_line, QCoreApplication::translate("Flow::Ndjson", "line too long")});
        else
            decodeLine(m_pending, out);
    }
    m_pending.clear();
    m_skipping = false;
    return out;
}

void NdjsonDecoder::decodeLine(QByteArrayView line, RunEvents &out)
{
    if (line.trimmed().isEmpty())
        return;
    if (auto e = RunEvent::fromJsonLine(line))
        out.append(std::move(*e));
    else
        m_errors.append({m_line, QCoreApplication::translate("Flow::Ndjson", "not a run event")});
}

} // namespace Flow
