# statuskit_add_test(NAME name SOURCES a.cc b.cc LIBS lib... [LABELS label...])
# One line per test executable: build it and register its GoogleTest suites with ctest.
#
# Each test *suite* is one ctest test (`Suite` runs `--gtest_filter=Suite.*`), not each case:
# under AddressSanitizer a test process takes 0.6-1 s just to start (a 250 MB executable and
# its shadow memory), which over 700 cases was most of CI's test time. A suite's cases share
# a process, as GoogleTest intends; a failing suite's output names the failing cases.
# `ctest -R Suite` still picks a suite, and `<exe> --gtest_filter=Suite.Case` one case.
function(statuskit_add_test)
  if(NOT STATUSKIT_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;LIBS;LABELS" ${ARGN})
  if(NOT ARG_SOURCES)
    return()  # a component without tests yet
  endif()
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main statuskit_warnings)
  target_compile_definitions(${ARG_NAME} PRIVATE
    STATUSKIT_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    STATUSKIT_BINARY_DIR="${PROJECT_BINARY_DIR}")
  statuskit_register_gtest_suites(${ARG_NAME} "${ARG_LABELS}")
endfunction()

# Lists the executable's suites when ctest starts (as gtest_discover_tests' PRE_TEST mode does),
# so adding a case or a suite needs no re-configure.
function(statuskit_register_gtest_suites target labels)
  set(include_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_suites.cmake")
  file(GENERATE OUTPUT "${include_file}" CONTENT "\
set(executable \"$<TARGET_FILE:${target}>\")
if(NOT EXISTS \"\${executable}\")
  add_test(${target}_NOT_BUILT ${target}_NOT_BUILT)
  return()
endif()
execute_process(COMMAND \"\${executable}\" --gtest_list_tests
  OUTPUT_VARIABLE listing RESULT_VARIABLE listed WORKING_DIRECTORY \"${CMAKE_CURRENT_BINARY_DIR}\")
if(NOT listed EQUAL 0)
  message(FATAL_ERROR \"${target} --gtest_list_tests failed: \${listed}\")
endif()
string(REPLACE \"\\n\" \";\" lines \"\${listing}\")
foreach(line IN LISTS lines)
  # A suite line is flush left and ends its name with a dot (a typed suite adds a comment).
  if(line MATCHES \"^([^ #][^ ]*)\\\\.\")
    set(suite \"\${CMAKE_MATCH_1}\")
    add_test(\"\${suite}\" \"\${executable}\" \"--gtest_filter=\${suite}.*\")
    set_tests_properties(\"\${suite}\" PROPERTIES
      LABELS \"${labels}\" WORKING_DIRECTORY \"${CMAKE_CURRENT_BINARY_DIR}\")
  endif()
endforeach()
")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${include_file}")
endfunction()
