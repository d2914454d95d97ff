#include "outputstream.h"

#include <algorithm>

namespace Flow {

OutputStream::OutputStream(NodeContext &context, LogStream stream)
    : m_context(context)
    , m_stream(stream)
{}

void OutputStream::feed(QByteArrayView bytes)
{
    m_pending.append(bytes);
    qsizetype start = 0;
    // Only the new bytes are searched, so a long line arriving in many reads costs linear time.
    for (qsizetype nl = m_pending.indexOf('\n', m_scanned); nl >= 0; nl = m_pending.indexOf('\n', start)) {
        emitLine(QByteArrayView(m_pending).sliced(start, nl - start), true);
        start = nl + 1;
    }
    m_pending.remove(0, start);
    while (m_pending.size() > kMaxLineBytes) {
        // Cut at a character boundary: never right before a UTF-8 continuation byte (unless the
        // bytes are not UTF-8 at all).
        qsizetype cut = kMaxLineBytes;
        while (cut > kMaxLineBytes - 4 && (uchar(m_pending.at(cut)) & 0xC0) == 0x80)
            --cut;
        if ((uchar(m_pending.at(cut)) & 0xC0) == 0x80)
            cut = kMaxLineBytes;
        emitLine(QByteArrayView(m_pending).first(cut), false);
        m_pending.remove(0, cut);
    }
    m_scanned = m_pending.size();
}

void OutputStream::finish()
{
    if (!m_pending.isEmpty())
        emitLine(m_pending, false);
    m_pending.clear();
    m_scanned = 0;
}

QString OutputStream::text() const
{
    QString text = QString::fromUtf8(m_text);
    if (text.endsWith(u"\r\n"))
        text.chop(2);
    else if (text.endsWith(u'\n'))
        text.chop(1);
    return text;
}

void OutputStream::emitLine(QByteArrayView bytes, bool complete)
{
    const bool continuation = m_midLine;
    m_midLine = !complete;
    QByteArrayView visible = bytes;
    if (complete && visible.endsWith('\r'))
        visible.chop(1);
    const QString line = QString::fromUtf8(visible);

    double fraction = 0;
    QString progressText;
    if (m_stream == LogStream::Stdout && !continuation && parseProgressLine(line, &fraction, &progressText)) {
        m_context.progress(fraction, progressText);
        return;
    }
    m_context.log(m_stream, line);
    m_text.append(bytes);
    if (complete)
        m_text.append('\n');
    if (!line.trimmed().isEmpty())
        m_lastNonEmpty = line.trimmed();
}

bool parseProgressLine(QStringView line, double *fraction, QString *text)
{
    static const QLatin1StringView prefix("::progress ");
    if (!line.startsWith(prefix))
        return false;
    const QStringView value = line.sliced(prefix.size()).trimmed();
    bool ok = false;
    if (const qsizetype slash = value.indexOf(u'/'); slash > 0) {
        bool okTotal = false;
        const double done = value.first(slash).toDouble(&ok);
        const double total = value.sliced(slash + 1).toDouble(&okTotal);
        if (!ok || !okTotal || total <= 0 || done < 0)
            return false;
        *fraction = std::min(1.0, done / total);
        *text = value.toString();
        return true;
    }
    const double percent = (value.endsWith(u'%') ? value.chopped(1) : value).toDouble(&ok);
    if (!ok || percent < 0)
        return false;
    *fraction = std::min(1.0, percent / 100.0);
    text->clear();
    return true;
}

} // namespace Flow
