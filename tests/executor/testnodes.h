#pragma once

// Node types for the executor tests (plain NodeJob classes registered in a test registry).
namespace Flow {
class NodeRegistry;
class NodeTypeCatalog;
} // namespace Flow

namespace Flow::Test {

// The built-in types (shell.exec, ...) plus:
//   test.noop                         does nothing
//   test.echo   in: any  cfg: value   out: value (config value, else input `value`), inputs, config
//   test.sleep  in: value cfg: ms     waits `ms` through NodeContext::wait; fails "interrupted" when cut
//                                     short; out: value (input or config value)
//   test.spin   cfg: ms               busy-loops polling isCancelled() (never waits); fails "stopped"
//   test.fail   cfg: until, message   fails with `message` while attempt < until (until 0: always);
//                                     out: attempt
//   test.log    cfg: lines, text      logs `lines` stdout lines "<text> <n>", progress n/lines; out: count
//   test.throw  cfg: message          throws a std::runtime_error (not a NodeError)
const NodeRegistry &testRegistry();
const NodeTypeCatalog *testCatalog();

} // namespace Flow::Test
