// The TSan stage's canary (tests/sanitizers/CMakeLists.txt): starts a child the way every node does
// (QProcess, whose vfork-style clone needs cmake/tsan_vfork_clone.cpp under clang 16), then races on
// purpose. The test passes only when TSan reports that race: a stage that checks nothing fails here.
#include <QCoreApplication>
#include <QProcess>

#include <cstdio>
#include <thread>

namespace {

int g_unguarded = 0;

void writeUnguarded()
{
    for (int i = 0; i < 1000; ++i)
        g_unguarded = g_unguarded + 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QProcess child;
    child.start(QStringLiteral("true"), {});
    if (!child.waitForFinished(30000) || child.exitCode() != 0) {
        std::fprintf(stderr, "tsan_canary: could not run a child process\n");
        return 2;
    }
    std::fprintf(stderr, "tsan_canary: child ran\n");
    std::thread a(writeUnguarded);
    std::thread b(writeUnguarded);
    a.join();
    b.join();
    std::fprintf(stderr, "tsan_canary: %d\n", g_unguarded);
    return 0;
}
