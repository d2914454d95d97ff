# Shared warning flags for every Flowstudio target.
function(flow_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
    if(FLOW_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

# flow_test_timeout(var seconds): seconds scaled for sanitizer builds (FLOW_TEST_TIMEOUT_SCALE).
function(flow_test_timeout var seconds)
    if(NOT FLOW_TEST_TIMEOUT_SCALE)
        set(FLOW_TEST_TIMEOUT_SCALE 1)
    endif()
    math(EXPR scaled "${seconds} * ${FLOW_TEST_TIMEOUT_SCALE}")
    set(${var} ${scaled} PARENT_SCOPE)
endfunction()

# flow_add_test(NAME name SOURCES ... LIBS ... [TIMEOUT s] [LABELS ...])
# One Qt Test executable registered with CTest, run offscreen with a timeout.
function(flow_add_test)
    cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()
    flow_test_timeout(T_TIMEOUT ${T_TIMEOUT})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
    target_compile_definitions(${T_NAME} PRIVATE
        FLOW_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        FLOW_BINARY_DIR="${PROJECT_BINARY_DIR}")
    flow_set_warnings(${T_NAME})
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    set_tests_properties(${T_NAME} PROPERTIES
        TIMEOUT ${T_TIMEOUT}
        LABELS "${T_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=qt.qpa.*=false;FLOWSTUDIO_HISTORY_DB=${PROJECT_BINARY_DIR}/test-history/${T_NAME}.db")
endfunction()
