# One non-exported INTERFACE target carries every warning flag, so flags live in one place.
add_library(statuskit_warnings INTERFACE)
target_compile_options(statuskit_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough -Wformat=2)
if(STATUSKIT_WARNINGS_AS_ERRORS)
  target_compile_options(statuskit_warnings INTERFACE -Werror)
endif()
# Implicit json conversions hide bugs (a json silently becoming a string or bool).
add_library(statuskit_json INTERFACE)
target_link_libraries(statuskit_json INTERFACE nlohmann_json::nlohmann_json)
target_compile_definitions(statuskit_json INTERFACE JSON_USE_IMPLICIT_CONVERSIONS=0)
