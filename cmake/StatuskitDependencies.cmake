# Every dependency comes from Debian's packages (installed by tools/setup).
find_package(nlohmann_json 3.11 REQUIRED)
# The engine's fast JSON reader (openapi/src/fast_json_reader.h); header-only, so no runtime dependency.
find_path(RAPIDJSON_INCLUDE_DIR rapidjson/reader.h REQUIRED)
find_package(CURL REQUIRED)
find_package(OpenSSL REQUIRED)  # SHA-256 and HMAC for the vendors' token schemes
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
# Debian's Pistache ships only a pkg-config file.
pkg_check_modules(PISTACHE REQUIRED IMPORTED_TARGET libpistache)
# libyaml (libyaml-dev): its C event parser reads the YAML specs, fixtures and suites.
pkg_check_modules(LIBYAML REQUIRED IMPORTED_TARGET yaml-0.1)
if(STATUSKIT_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
