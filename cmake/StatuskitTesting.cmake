# statuskit_add_test(NAME name SOURCES a.cc b.cc LIBS lib...)
# One line per test executable: build it and register its GoogleTest cases with ctest.
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
  gtest_discover_tests(${ARG_NAME} DISCOVERY_MODE PRE_TEST PROPERTIES LABELS "${ARG_LABELS}")
endfunction()
