#pragma once

// Importing FlowEngine workflows (the JSON of its README: nodes[] with id, node_type, name, config
// values plain or wrapped as {"type": ..., "value": ...}, retry_policy in milliseconds,
// connections[] with from_node/from_port/to_node/to_port, settings with max_parallel_nodes,
// max_execution_time_ms and on_error). docs/import.md lists what maps to what.
//
// A pure function of its input (no files, no globals), so that it can be fuzzed.

#include "model/workflow.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace Flow {

// Node types an unconverted node keeps, prefixed so that no Flowstudio type can ever match it and
// `validate` names it: "flowengine.docker.run".
inline constexpr char16_t UnconvertedTypePrefix[] = u"flowengine.";

struct ImportNote
{
    enum class Kind {
        Converted,    // mapped one to one
        Adapted,      // mapped, with a difference worth knowing (an adapter node, a port that became config)
        NotConverted, // kept as an unconverted node or port that `validate` reports, or left out
    };
    Kind kind = Kind::Converted;
    QString nodeId; // the Flowstudio node id it is about; empty for the workflow as a whole
    QString text;   // one sentence
};

struct ImportResult
{
    std::optional<Workflow> workflow; // absent when the input is not a FlowEngine workflow at all
    QString error;                    // why it is absent, with line:col when the JSON is broken
    QList<ImportNote> notes;          // in node order, workflow-wide notes first

    // True when something was not converted (the workflow is still complete, but will not validate
    // or run as it did in FlowEngine).
    bool hasUnconverted() const;
};

ImportResult importFlowEngine(QByteArrayView json);

// The report as lines: "converted: ...", "adapted: ...", "NOT converted: ...".
QStringList importReportLines(const ImportResult &result);

} // namespace Flow
