#pragma once

#include "backend.h"
#include "diagnostic.h"
#include "duration.h"
#include "workflow.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace Flow::Reader {

// Where a value is in the file; an empty value has no place of its own, so it borrows its key's.
inline SourcePos posOf(const Value &v)
{
    return v.pos.isValid() ? v.pos : v.keyPos;
}

// Collects the problems found while turning a Value tree into a Workflow. The typed getters report
// a wrong value (naming `what`, e.g. "'timeout' of node 'fetch'") and return nullopt.
class Context
{
public:
    Diagnostics diagnostics;

    void error(const SourcePos &pos, const QString &message, const QString &nodeId = {});

    // Reports every key of `map` that is not in `known`: "unknown key 'tmeout' in node 'fetch'
    // (did you mean 'timeout'?)". `where` is the " in node 'fetch'" part.
    void checkKeys(const Value &map, const QStringList &known, const QString &where,
                   const QString &nodeId = {});

    std::optional<QString> text(const Value &v, const QString &what, const QString &nodeId = {});
    std::optional<int> positiveInt(const Value &v, const QString &what, const QString &nodeId = {});
    std::optional<double> number(const Value &v, double minimum, const QString &what,
                                 const QString &nodeId = {});
    std::optional<Millis> duration(const Value &v, const QString &what, const QString &nodeId = {});
    std::optional<bool> boolean(const Value &v, const QString &what, const QString &nodeId = {});
    // "node.port" -> {node, port}.
    std::optional<std::pair<QString, QString>> reference(const Value &v, const QString &what,
                                                         const QString &nodeId = {});
    // True for a map; reports anything else but an empty value (which reads as an empty map).
    bool mapOrEmpty(const Value &v, const QString &what, const QString &expected, const QString &nodeId = {});
};

QString tr(const char *text);

void readNodes(Context &context, const Value &nodes, Workflow &workflow);
void readLayout(Context &context, const Value &layout, Workflow &workflow);
// `backend:` (local or slurm) and `slurm:` of a node or of `settings` (backendreader.cpp). `where` is
// the " of node 'x'" / " in 'settings'" part of messages.
std::optional<Backend> readBackend(Context &context, const Value &v, const QString &what,
                                   const QString &nodeId = {});
std::optional<SlurmOptions> readSlurm(Context &context, const Value &v, const QString &where,
                                      const QString &nodeId = {});

} // namespace Flow::Reader
