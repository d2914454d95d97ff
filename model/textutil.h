#pragma once

#include "value.h"

#include <QString>
#include <QStringList>

namespace Flow::Text {

// The candidate closest to `word` by edit distance, when it is close enough to be a likely typo;
// empty otherwise.
QString closestMatch(QStringView word, const QStringList &candidates);
// " (did you mean 'x'?)" for the closest match, or an empty string.
QString didYouMean(QStringView word, const QStringList &candidates);

// How a value reads in a message: 'four', '3', 'true', "a list", "a map", "an empty value".
QString describe(const Value &value);
// "'text'" shortened to a readable length.
QString quoted(QStringView text);

} // namespace Flow::Text
