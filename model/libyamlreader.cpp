// The libyaml front end of parseTree(): the fast path for valid files. It turns libyaml's events
// into the TreeBuilder calls the yaml-cpp front end makes for the same text, and declines (returns
// nothing) wherever it cannot be sure of that, so that yaml-cpp reads the file as before.
#include "yamlfrontends.h"

#include "treebuilder.h"

#include <yaml.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Flow::Yaml {
namespace {

// libyaml's marks count characters (code points, a CRLF as two); the builder works in bytes.
// Marks mostly move forward, so walking from the last answer costs little in all.
class CharOffsets
{
public:
    explicit CharOffsets(const QByteArray &text)
        : m_text(text)
        , m_ascii(std::all_of(text.begin(), text.end(), [](char c) { return uchar(c) < 0x80; }))
    {}

    bool isAscii() const { return m_ascii; }

    qsizetype byteOffset(size_t index)
    {
        const qsizetype size = m_text.size();
        if (m_ascii)
            return qsizetype(std::min<size_t>(index, size_t(size)));
        while (m_index < index && m_byte < size) {
            ++m_byte;
            while (m_byte < size && isContinuation(m_text.at(m_byte)))
                ++m_byte;
            ++m_index;
        }
        while (m_index > index && m_byte > 0) {
            --m_byte;
            while (m_byte > 0 && isContinuation(m_text.at(m_byte)))
                --m_byte;
            --m_index;
        }
        return m_byte;
    }

private:
    static bool isContinuation(char c) { return (uchar(c) & 0xC0) == 0x80; }

    const QByteArray &m_text;
    const bool m_ascii;
    size_t m_index = 0;
    qsizetype m_byte = 0;
};

// Text where the two parsers read differently: a CR on its own is a line break to libyaml, not
// to yaml-cpp; so are the YAML 1.1 breaks NEL, LS and PS; and a byte order mark past the one
// parseTree drops.
bool hasUnusualText(const QByteArray &text, bool ascii)
{
    for (qsizetype i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
        if (i + 1 >= text.size() || text.at(i + 1) != '\n')
            return true;
    }
    return !ascii
           && (text.contains("\xC2\x85") || text.contains("\xE2\x80\xA8") || text.contains("\xE2\x80\xA9")
               || text.contains("\xEF\xBB\xBF"));
}

// yaml-cpp turns `\N` and `\_` into the bytes 0x85 and 0xA0 (not UTF-8), libyaml into NEL and a
// no-break space.
bool hasByteEscape(QByteArrayView quoted)
{
    for (qsizetype i = 0; i + 1 < quoted.size(); ++i) {
        if (quoted.at(i) != '\\')
            continue;
        if (quoted.at(i + 1) == 'N' || quoted.at(i + 1) == '_')
            return true;
        ++i;
    }
    return false;
}

struct Declined
{
};

class Reader
{
public:
    Reader(const QByteArray &text, const SourceMap &source, const TreeLimits &limits)
        : m_text(text)
        , m_offsets(text)
        , m_builder(source, limits, m_tree.diagnostics)
    {
        if (!yaml_parser_initialize(&m_parser))
            throw Declined{};
        yaml_parser_set_input_string(&m_parser, reinterpret_cast<const unsigned char *>(text.constData()),
                                     size_t(text.size()));
        yaml_parser_set_encoding(&m_parser, YAML_UTF8_ENCODING);
    }
    ~Reader() { yaml_parser_delete(&m_parser); }
    Reader(const Reader &) = delete;
    Reader &operator=(const Reader &) = delete;

    bool unusualText() const { return hasUnusualText(m_text, m_offsets.isAscii()); }

    Tree read()
    {
        for (;;) {
            yaml_event_t event;
            if (!yaml_parser_parse(&m_parser, &event))
                throw Declined{};
            const bool last = event.type == YAML_STREAM_END_EVENT;
            try {
                handle(event);
            } catch (...) {
                yaml_event_delete(&event);
                throw;
            }
            yaml_event_delete(&event);
            if (last)
                break;
        }
        // yaml-cpp gives a text with no document but a stray `...` a null root: leave those to it.
        if (m_documents == 0)
            throw Declined{};
        m_tree.root = m_builder.takeRoot();
        return std::move(m_tree);
    }

private:
    struct Collection
    {
        bool map = false;
        bool flow = false;
        bool expectKey = true;
    };

    void handle(const yaml_event_t &event)
    {
        const qsizetype offset = m_offsets.byteOffset(event.start_mark.index);
        if (!m_open.empty() && m_open.back().flow) {
            // yaml-cpp reads a `?` in flow style its own way (libyaml takes `{?a: 1}` as key `a`).
            if (QByteArrayView(m_text)
                    .sliced(m_flowEnd, std::max<qsizetype>(offset - m_flowEnd, 0))
                    .contains('?'))
                throw Declined{};
        }
        m_flowEnd = std::max(offset, m_offsets.byteOffset(event.end_mark.index));
        switch (event.type) {
        case YAML_DOCUMENT_START_EVENT: {
            // A second document is an error yaml-cpp words; directives it reads its own way.
            const auto &doc = event.data.document_start;
            if (++m_documents > 1 || doc.version_directive
                || doc.tag_directives.start != doc.tag_directives.end)
                throw Declined{};
            break;
        }
        case YAML_ALIAS_EVENT: {
            const auto it = m_anchors.find(reinterpret_cast<const char *>(event.data.alias.anchor));
            if (it == m_anchors.end())
                throw Declined{}; // yaml-cpp's "unknown anchor" error
            m_builder.alias(offset, it->second);
            nodeDone();
            break;
        }
        case YAML_SCALAR_EVENT:
            scalar(event, offset);
            nodeDone();
            break;
        case YAML_SEQUENCE_START_EVENT:
            checkProperties(offset, event.data.sequence_start.anchor, event.data.sequence_start.tag);
            m_builder.sequenceStart(offset, define(event.data.sequence_start.anchor));
            m_open.push_back({false, event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE});
            break;
        case YAML_MAPPING_START_EVENT:
            checkProperties(offset, event.data.mapping_start.anchor, event.data.mapping_start.tag);
            m_builder.mapStart(offset, define(event.data.mapping_start.anchor));
            m_open.push_back({true, event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE});
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            m_open.pop_back();
            m_builder.end();
            nodeDone();
            break;
        default: // stream start and end, document end
            break;
        }
    }

    void scalar(const yaml_event_t &event, qsizetype offset)
    {
        const auto &s = event.data.scalar;
        const std::string_view text(reinterpret_cast<const char *>(s.value), s.length);
        const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
        if (checkProperties(offset, s.anchor, s.tag) && plain
            && QByteArrayView(m_text)
                   .sliced(offset,
                           std::max<qsizetype>(m_offsets.byteOffset(event.end_mark.index) - offset, 0))
                   .contains('\n'))
            throw Declined{}; // yaml-cpp fails on a plain scalar over several lines after `&a` or `!t`
        const AnchorId anchor = define(s.anchor);
        if (s.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
            const qsizetype end = m_offsets.byteOffset(event.end_mark.index);
            if (hasByteEscape(QByteArrayView(m_text).sliced(offset, std::max<qsizetype>(end - offset, 0))))
                throw Declined{};
        }
        if (plain && text.empty()) {
            // yaml-cpp makes a tagged empty node a string here and a null at the end of the text.
            if (s.tag)
                throw Declined{};
            checkEmptyNode(offset);
        }
        // yaml-cpp ends a plain scalar in flow style at a `?` (and then fails).
        if (plain && !m_open.empty() && m_open.back().flow && text.find('?') != std::string_view::npos)
            throw Declined{};
        if (s.tag)
            m_builder.scalar(offset, reinterpret_cast<const char *>(s.tag), anchor, text);
        else if (!plain)
            m_builder.scalar(offset, "!", anchor, text);
        else if (text.empty())
            m_builder.emptyNull(offset, anchor);
        else if (text == "~" || text == "null" || text == "Null" || text == "NULL")
            m_builder.null(offset, anchor);
        else
            m_builder.scalar(offset, "?", anchor, text);
    }

    // yaml-cpp places an empty node at the next token, and where that starts with a null word the
    // null gets its position: decline then rather than copy that rule. Empty keys and empty nodes in
    // flow style (`{a}`, which yaml-cpp rejects) are left to yaml-cpp too.
    void checkEmptyNode(qsizetype offset) const
    {
        if (!m_open.empty() && (m_open.back().flow || (m_open.back().map && m_open.back().expectKey)))
            throw Declined{};
        if (!m_builder.nullText(m_builder.contentStart(offset)).isEmpty())
            throw Declined{};
        qsizetype i = offset;
        const qsizetype size = m_text.size();
        for (;;) {
            while (i < size && isBlank(m_text.at(i)))
                ++i;
            if (i < size && m_text.at(i) == '#') {
                while (i < size && m_text.at(i) != '\n')
                    ++i;
            } else if (i < size && (m_text.at(i) == '&' || m_text.at(i) == '!')) {
                while (i < size && !isBlank(m_text.at(i)))
                    ++i;
            } else {
                break;
            }
        }
        if (!m_builder.nullText(i).isEmpty())
            throw Declined{};
    }

    // The builder (like yaml-cpp) takes a property to run up to the next blank, libyaml an anchor
    // name only over letters, digits, '-' and '_' (`&a:b` is anchor `a` to it, `a:b` to yaml-cpp).
    // Declines unless each property in the text is a plain word followed by a blank. Returns whether
    // there were properties.
    bool checkProperties(qsizetype offset, const yaml_char_t *anchor, const yaml_char_t *tag) const
    {
        if (!anchor && !tag)
            return false;
        const std::string_view name = anchor ? reinterpret_cast<const char *>(anchor) : "";
        const qsizetype size = m_text.size();
        qsizetype i = offset;
        int anchors = 0;
        int tags = 0;
        while (i < size && (m_text.at(i) == '&' || m_text.at(i) == '!')) {
            const qsizetype start = i;
            while (i < size && !isBlank(m_text.at(i)))
                ++i;
            const QByteArrayView word = QByteArrayView(m_text).sliced(start, i - start);
            if (word.front() == '&') {
                ++anchors;
                if (word.sliced(1) != QByteArrayView(name.data(), qsizetype(name.size())))
                    throw Declined{};
            } else {
                ++tags;
                // `!!s!x` is one tag to libyaml, two to yaml-cpp: a `!` only in the `!` or `!!` handle.
                if (word.sliced(std::min<qsizetype>(2, word.size())).contains('!'))
                    throw Declined{};
                for (const char c : word) {
                    if (!isWordChar(c) && std::string_view("!-_./").find(c) == std::string_view::npos)
                        throw Declined{};
                }
            }
            while (i < size && isBlank(m_text.at(i)))
                ++i;
        }
        if (anchors != (anchor ? 1 : 0) || tags != (tag ? 1 : 0))
            throw Declined{};
        return true;
    }

    static bool isWordChar(char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

    // yaml-cpp numbers anchors as it meets them, a name defined again getting a new number.
    AnchorId define(const yaml_char_t *name)
    {
        if (!name)
            return 0;
        const AnchorId id = ++m_lastAnchor;
        m_anchors[reinterpret_cast<const char *>(name)] = id;
        return id;
    }

    void nodeDone()
    {
        if (!m_open.empty() && m_open.back().map)
            m_open.back().expectKey = !m_open.back().expectKey;
    }

    const QByteArray &m_text;
    CharOffsets m_offsets;
    Tree m_tree;
    TreeBuilder m_builder;
    yaml_parser_t m_parser;
    std::vector<Collection> m_open;
    std::unordered_map<std::string, AnchorId> m_anchors;
    AnchorId m_lastAnchor = 0;
    int m_documents = 0;
    qsizetype m_flowEnd = 0; // where the last event ended: the text between two is punctuation
};

} // namespace

std::optional<Tree> parseWithLibYaml(const QByteArray &text, const SourceMap &source,
                                     const TreeLimits &limits)
{
    try {
        Reader reader(text, source, limits);
        if (reader.unusualText())
            return std::nullopt;
        return reader.read();
    } catch (const Declined &) {
    } catch (const Abort &) {
        // A limit or a self-referring alias: yaml-cpp reports it, with what it read before.
    } catch (...) {
        // Out of memory or the like: parseTree never throws, and yaml-cpp words what it can.
    }
    return std::nullopt;
}

} // namespace Flow::Yaml
