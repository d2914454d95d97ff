#pragma once

#include <QStringList>

namespace Flow::Studio {

// The titles and descriptions of the built-in node types as lupdate sees them (context
// "Flow::NodeTypes"); generated, see tools/gen_nodetypetexts.py.
QStringList nodeTypeSourceTexts();

} // namespace Flow::Studio
