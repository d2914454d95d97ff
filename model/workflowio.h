#pragma once

#include "diagnostic.h"
#include "workflow.h"

#include <QByteArray>

#include <optional>

namespace Flow {

class NodeTypeCatalog;

struct LoadResult
{
    // Present whenever the text was YAML with a mapping at the top, even if there were errors: the
    // reader keeps everything it could understand, so an editor can still show a partly broken file.
    std::optional<Workflow> workflow;
    Diagnostics diagnostics; // syntax, structure, types, unknown and duplicate keys, durations
    bool ok() const { return workflow.has_value() && !hasErrors(diagnostics); }
};

// Reads the YAML text of a workflow (format version 1, DESIGN.md §2). Reports every structural problem
// with its line:col; never throws and never crashes, whatever the input.
LoadResult readWorkflow(const QByteArray &yaml);

// Canonical YAML: fixed key order, nodes in their order, layout last, UTF-8, "\n" line ends, final newline.
// writeWorkflow(readWorkflow(writeWorkflow(w)).workflow) == writeWorkflow(w), byte for byte.
QByteArray writeWorkflow(const Workflow &workflow);

// A selection as YAML text for the clipboard: the `nodes:` and `layout:` of just these nodes, inputs to
// nodes outside the selection dropped. readWorkflow() reads it back.
QByteArray writeFragment(const Workflow &workflow, const QStringList &nodeIds);

// Everything: read + validate(). The one call `flowrun validate` and the app use.
LoadResult loadAndValidate(const QByteArray &yaml, const NodeTypeCatalog *catalog);

} // namespace Flow
