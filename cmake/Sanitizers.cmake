# FLOW_SANITIZE=address (ASan + UBSan, no recovery) or thread (TSan) for every target, tests included.
# Runtime options and the one suppressions file live in tests/sanitizers/ (see scripts/setup.sh).
set(FLOW_SANITIZE "" CACHE STRING "Sanitizer build: empty, address (ASan+UBSan) or thread (TSan)")
set_property(CACHE FLOW_SANITIZE PROPERTY STRINGS "" address thread)
if(FLOW_SANITIZE STREQUAL "address")
    # float-cast-overflow: gcc's `undefined` leaves it out (clang's includes it), and a double out of an
    # integer's range is exactly what hostile JSON and YAML numbers bring (docs/reliability.md).
    set(_flow_san -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all
                  -fno-omit-frame-pointer)
elseif(FLOW_SANITIZE STREQUAL "thread")
    set(_flow_san -fsanitize=thread -fno-omit-frame-pointer)
elseif(NOT FLOW_SANITIZE STREQUAL "")
    message(FATAL_ERROR "FLOW_SANITIZE must be empty, address or thread, not '${FLOW_SANITIZE}'")
endif()
if(_flow_san)
    # -O1 -g1 (after the build type's -O2 -g): about half the compile time of a sanitizer tree, tests
    # still fast enough, and reports keep file:line.
    add_compile_options(${_flow_san} -O1 -g1)
    add_link_options(${_flow_san})
    message(STATUS "Flowstudio: sanitizer build (${FLOW_SANITIZE})")
endif()
# clang 16's TSan runtime takes QProcess's vfork-style clone for a fork and aborts in the child
# (tsan_vfork_clone.cpp says why): every executable of such a build links the override. gcc 12's
# runtime does not intercept clone.
if(FLOW_SANITIZE STREQUAL "thread" AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang"
   AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 16)
    add_library(flow_tsan_vfork_clone OBJECT ${CMAKE_CURRENT_LIST_DIR}/tsan_vfork_clone.cpp)
    link_libraries(flow_tsan_vfork_clone ${CMAKE_DL_LIBS})
endif()
# Instrumented code runs 2-5x slower: every test's CTest timeout is scaled by this (flow_test_timeout).
if(_flow_san)
    set(FLOW_TEST_TIMEOUT_SCALE 3)
else()
    set(FLOW_TEST_TIMEOUT_SCALE 1)
endif()
