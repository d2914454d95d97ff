#pragma once

// Internal to the model: builds parseTree()'s Value tree from parser events. It knows no parser:
// places are byte offsets into the SourceMap's text, so the libyaml fast path and the yaml-cpp
// reader (yamlfrontends.h) share every rule about positions, keys, anchors and limits.

#include "yamltree.h"

#include <QHash>

#include <cstddef>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Flow::Yaml {

// Thrown from the event handler to stop the parser: a problem that makes the rest unreadable.
struct Abort
{
    qsizetype offset = 0;
    QString message;
};

// Names an anchor (`&name`); 0 for none. A name defined again gets a new id, as YAML wants.
using AnchorId = std::size_t;

// Builds a Value tree from parser events: positions, duplicate keys, anchors and merges, limits.
// A node's `offset` is where its first token starts: its `&anchor` or `!tag` if it has one.
// Limit problems throw Abort.
class TreeBuilder final
{
public:
    TreeBuilder(const SourceMap &source, const TreeLimits &limits, Diagnostics &diagnostics);

    std::optional<Value> takeRoot() { return std::move(m_root); }

    // Where the innermost `{` (or `[`) still open starts, to place "never closed" errors there
    // rather than at the end of the file.
    std::optional<qsizetype> openFlow(char bracket) const;

    // After an error: fold the open lists and maps into their parents so the part read so far survives.
    void closeAll();

    // An empty node, or a plain null (`~`, `null`): placed at its text when `offset` (after any
    // properties) starts with one, else at its key or parent. yaml-cpp's empty-node offset is that
    // of the next token.
    void null(qsizetype offset, AnchorId anchor);

    // An empty node known to have no text of its own: placed at its key or parent. `offset` only
    // places a limit error.
    void emptyNull(qsizetype offset, AnchorId anchor);

    void alias(qsizetype offset, AnchorId anchor);

    // `tag` is "?" for an untagged plain scalar, "!" for an untagged quoted or block one, else the
    // resolved tag ("tag:yaml.org,2002:str", "!local").
    void scalar(qsizetype offset, std::string_view tag, AnchorId anchor, std::string_view text);

    void sequenceStart(qsizetype offset, AnchorId anchor) { push(offset, Value::makeList(), anchor); }
    void mapStart(qsizetype offset, AnchorId anchor) { push(offset, Value::makeMap(), anchor); }
    void end() { pop(); } // of the innermost list or map

    // Skips `&anchor` and `!tag` properties in front of a value.
    qsizetype contentStart(qsizetype offset) const;

    // The null word (`~`, `null`, `Null`, `NULL`) that starts at `offset`, or "".
    QString nullText(qsizetype offset) const;

private:
    struct Anchored
    {
        Value value;
        qint64 size = 0;
        int depth = 0;
    };

    struct Frame
    {
        Value value; // a list or a map
        AnchorId anchor = 0;
        qsizetype offset = 0; // of the first character, '{' or '[' for flow style
        // Map state: keys and values arrive as alternating events.
        bool expectKey = true;
        bool dropValue = false;  // the key was a duplicate or not text
        bool mergeValue = false; // the key was `<<`
        QString key;
        SourcePos keyPos;
        QHash<QString, int> firstLine; // key -> line where it was first defined
        std::vector<Value> merges;
    };

    static bool isCoreTag(std::string_view tag);

    // yaml-cpp reads an unclosed quoted string up to the end of the file without complaint.
    void checkClosed(qsizetype offset, char quote) const;

    // Where the content of a `|` or `>` block starts: the next line, at its indentation.
    SourcePos blockContentPosition(qsizetype header) const;

    void count(qint64 n, qsizetype offset);

    void push(qsizetype offset, Value value, AnchorId anchor);

    void pop();

    // `<<: *base` copies the keys of `base` that the map does not set itself.
    static void applyMerges(Frame &frame);

    bool buildingNodes() const;

    void addKey(Frame &frame, const Value &key, const QString &keyText, bool isMergeKey);

    void addMerge(Frame &frame, Value value);

    void add(Value value, const QString &keyText, bool isMergeKey, AnchorId anchor);

    void error(const SourcePos &pos, const QString &message, const QString &nodeId = {});

    const SourceMap &m_source;
    const TreeLimits m_limits;
    Diagnostics &m_diagnostics;
    std::vector<Frame> m_stack;
    std::optional<Value> m_root;
    std::unordered_map<AnchorId, Anchored> m_anchors;
    qint64 m_values = 0;
    bool m_closing = false;
};

} // namespace Flow::Yaml
