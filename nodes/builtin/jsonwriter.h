#pragma once

#include <QString>
#include <QVariant>

namespace Flow {

// Writes a JSON-like QVariant as JSON text. indent 0 is compact (`{"a":1}`); otherwise each level is
// indented by `indent` spaces, like JSON.stringify(v, null, indent). Map keys come out sorted, so the
// same value always gives the same bytes. Values JSON cannot hold (NaN, infinity) become null.
QString writeJson(const QVariant &value, int indent = 0);

} // namespace Flow
