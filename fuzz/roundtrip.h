#pragma once

#include <QByteArray>
#include <QString>

namespace Flow {
class NodeTypeCatalog;
}

namespace Flow::Fuzz {

// Runs the whole file pipeline on arbitrary bytes: read, validate, write; and when the text loads
// cleanly, checks the writer's promises (workflowio.h): its output reads back without errors, with the
// same validity, and writing that again gives the same bytes. Returns a description of the first broken
// promise, or an empty string. Crashes, hangs and sanitizer reports are the fuzzer's to catch.
QString checkRoundTrip(const QByteArray &yaml, const NodeTypeCatalog *catalog);

// The built-in node types.

} // namespace Flow::Fuzz
