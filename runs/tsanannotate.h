#pragma once

// ThreadSanitizer cannot see synchronisation inside Qt (Debian's Qt is not built with it): a blocking
// queued call or QThread::wait() orders memory, but TSan does not know. These mark such a hand-off:
// release in the thread that is done with the data, acquire in the one that takes it over. No-ops
// outside a TSan build.
#if defined(__SANITIZE_THREAD__)
#define FLOW_TSAN_ANNOTATE 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define FLOW_TSAN_ANNOTATE 1
#endif
#endif
#if defined(FLOW_TSAN_ANNOTATE)
extern "C" void __tsan_acquire(void *addr);
extern "C" void __tsan_release(void *addr);
#define FLOW_TSAN_RELEASE(p) __tsan_release(static_cast<void *>(p))
#define FLOW_TSAN_ACQUIRE(p) __tsan_acquire(static_cast<void *>(p))
#else
#define FLOW_TSAN_RELEASE(p) static_cast<void>(p)
#define FLOW_TSAN_ACQUIRE(p) static_cast<void>(p)
#endif
