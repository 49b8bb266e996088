# One non-exported INTERFACE target carries every warning flag, so flags live in one place.
add_library(statuskit_warnings INTERFACE)
target_compile_options(statuskit_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough -Wformat=2)
# Not -Wnull-dereference: it only acts with optimisation, and there g++ 12 reports "potential
# null pointer dereference" inside inlined nlohmann-json, CLI11 and libstdc++ code (false
# positives, none in ours) that would drown a real warning. The asan/ubsan presets catch real
# null dereferences at run time.
if(STATUSKIT_WARNINGS_AS_ERRORS)
  target_compile_options(statuskit_warnings INTERFACE -Werror)
endif()
# Implicit json conversions hide bugs (a json silently becoming a string or bool).
add_library(statuskit_json INTERFACE)
target_link_libraries(statuskit_json INTERFACE nlohmann_json::nlohmann_json)
target_compile_definitions(statuskit_json INTERFACE JSON_USE_IMPLICIT_CONVERSIONS=0)
