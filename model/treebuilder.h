#pragma once

// Internal to the model: the yaml-cpp event handler behind parseTree().

#include "yamltree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

#include <QHash>

#include <optional>
#include <unordered_map>
#include <vector>

namespace Flow::Yaml {

// Thrown from the event handler to stop the parser: a problem that makes the rest unreadable.
struct Abort
{
    qsizetype offset = 0;
    QString message;
};

// Builds a Value tree from parser events: positions, duplicate keys, anchors and merges, limits.
class TreeBuilder final : public YAML::EventHandler
{
public:
    TreeBuilder(const SourceMap &source, const TreeLimits &limits, Diagnostics &diagnostics);

    std::optional<Value> takeRoot() { return std::move(m_root); }

    // Where the innermost `{` (or `[`) still open starts, to place "never closed" errors there
    // rather than at the end of the file.
    std::optional<qsizetype> openFlow(char bracket) const;

    // After an error: fold the open lists and maps into their parents so the part read so far survives.
    void closeAll();

    void OnDocumentStart(const YAML::Mark &) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override;

    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override;

    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  const std::string &text) override;

    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override;
    void OnSequenceEnd() override { pop(); }

    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override;
    void OnMapEnd() override { pop(); }

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
        YAML::anchor_t anchor = 0;
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

    static bool isCoreTag(const std::string &tag);

    qsizetype markOffset(const YAML::Mark &mark) const;

    // Skips `&anchor` and `!tag` properties in front of a value.
    qsizetype contentStart(const YAML::Mark &mark) const;

    QString nullText(qsizetype offset) const;

    // yaml-cpp reads an unclosed quoted string up to the end of the file without complaint.
    void checkClosed(qsizetype offset, char quote) const;

    // Where the content of a `|` or `>` block starts: the next line, at its indentation.
    SourcePos blockContentPosition(qsizetype header) const;

    void count(qint64 n, qsizetype offset);

    void push(const YAML::Mark &mark, Value value, YAML::anchor_t anchor);

    void pop();

    // `<<: *base` copies the keys of `base` that the map does not set itself.
    static void applyMerges(Frame &frame);

    bool buildingNodes() const;

    void addKey(Frame &frame, const Value &key, const QString &keyText, bool isMergeKey);

    void addMerge(Frame &frame, Value value);

    void add(Value value, const QString &keyText, bool isMergeKey, YAML::anchor_t anchor);

    void error(const SourcePos &pos, const QString &message, const QString &nodeId = {});

    const SourceMap &m_source;
    const TreeLimits m_limits;
    Diagnostics &m_diagnostics;
    std::vector<Frame> m_stack;
    std::optional<Value> m_root;
    std::unordered_map<YAML::anchor_t, Anchored> m_anchors;
    qint64 m_values = 0;
    bool m_closing = false;
};

} // namespace Flow::Yaml
