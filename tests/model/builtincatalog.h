#pragma once

namespace Flow {
class NodeTypeCatalog;
namespace Test {
// NodeRegistry::builtins(), from a file of its own: nodes/node.h's class Node and the model's
// struct Node cannot meet in one translation unit.
const NodeTypeCatalog *builtinCatalog();
} // namespace Test
} // namespace Flow
