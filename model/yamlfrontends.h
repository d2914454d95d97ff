#pragma once

// Internal to the model: the two parsers behind parseTree(). libyaml reads valid files several times
// faster; yaml-cpp reads everything else, since its error messages and positions are the ones tests
// and users rely on. Both feed the same TreeBuilder, so a valid file gives the same tree either way.

#include "yamltree.h"

#include <optional>

namespace Flow::Yaml {

// `text` has no byte order mark (parseTree drops it) and `source` maps `text`.
Tree parseWithYamlCpp(const QByteArray &text, const SourceMap &source, const TreeLimits &limits);

// The fast path: nothing when libyaml reports an error or the text holds anything whose tree or
// diagnostics could differ from yaml-cpp's (a second document, directives, an alias to an unknown
// anchor, a limit hit...); parseTree then reads it with yaml-cpp.
std::optional<Tree> parseWithLibYaml(const QByteArray &text, const SourceMap &source,
                                     const TreeLimits &limits);

namespace Internal {

enum class FrontEnd { Auto, YamlCpp, LibYaml };

// parseTree() with a chosen front end, for tests and the fuzzer. LibYaml gives nothing where the
// fast path declines; the others always give a tree.
std::optional<Tree> parseTreeWith(const QByteArray &input, const TreeLimits &limits, FrontEnd frontEnd);

// Every value (type, text, pos, keyPos), diagnostic and flag of `tree`, one line each: what the two
// front ends must agree on, in a form whose first differing line says where they part.
QStringList describeTree(const Tree &tree);

} // namespace Internal

} // namespace Flow::Yaml
