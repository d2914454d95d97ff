#pragma once

#include "value.h"

#include <QString>

namespace Flow::Yaml {

// How a plain (unquoted) scalar reads: YAML 1.2 core schema. null/~ -> Null, true/false -> Bool,
// 12 / 0x1F / 0o17 -> Int, 1.5 / 1e3 / .inf -> Double, everything else -> String.
Value resolvePlain(const QString &text);

// True when `text` written without quotes would read back as this same string, here and in the
// YAML 1.1 readers many editors and scripts still use (yes/no, 1_000, 12:30, 2024-01-01 ...).
// `inFlow`: inside `{...}` or `[...]`, where , [ ] { } are syntax too.
bool isPlainSafe(QStringView text, bool inFlow);

// "..." with YAML escapes; always reads back as exactly `text`.
QString doubleQuoted(QStringView text);

// The text of a scalar as canonical YAML writes it (strings quoted only when needed; doubles in
// their shortest exact form and always with a '.', so 2.0 stays a double). Not for multi-line strings.
QString scalarText(const Value &value, bool inFlow);
QString formatDouble(double d);

} // namespace Flow::Yaml
