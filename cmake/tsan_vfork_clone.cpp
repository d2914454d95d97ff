// Linked into every executable of a clang ThreadSanitizer build (cmake/Sanitizers.cmake), nowhere else.
//
// clang 16's TSan intercepts clone() and treats every call as a fork: it detaches the calling thread's
// state before the call and re-attaches it in the child. QProcess starts its children with a
// vfork-style clone (CLONE_VM | CLONE_VFORK): the child shares the parent's memory and TLS, so the
// child's re-attach lands on the parent's own state and the runtime aborts ("CHECK failed:
// tsan_rtl.cpp:253", docs/reliability.md). A clone that shares the memory is not a fork: the parent
// is suspended until the child execs, exactly as for a thread that runs briefly and ends, so it goes
// straight to glibc. Every other clone (a real fork) keeps TSan's handling.
//
// The runtime defines `clone` as a weak alias of its interceptor, so this strong definition wins at
// link time; RTLD_NEXT from the executable finds glibc's.
#include <dlfcn.h>
#include <sched.h>
#include <sys/types.h>

#include <cstdarg>

extern "C" int __interceptor_clone(int (*fn)(void *), void *stack, int flags, void *arg, pid_t *parentTid,
                                   void *tls, pid_t *childTid);

extern "C" int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...)
{
    va_list ap;
    va_start(ap, arg);
    auto *parentTid = va_arg(ap, pid_t *);
    void *tls = va_arg(ap, void *);
    auto *childTid = va_arg(ap, pid_t *);
    va_end(ap);
    if (flags & CLONE_VM) {
        using Clone = int (*)(int (*)(void *), void *, int, void *, ...);
        static const auto glibcClone = reinterpret_cast<Clone>(dlsym(RTLD_NEXT, "clone"));
        return glibcClone(fn, stack, flags, arg, parentTid, tls, childTid);
    }
    return __interceptor_clone(fn, stack, flags, arg, parentTid, tls, childTid);
}
