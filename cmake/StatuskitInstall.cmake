# What `cmake --install` installs (layout: cmake/StatuskitInstallLayout.cmake):
#   bin/statuskit-mock, bin/statuskit-conformance   the two programs
#   lib/statuskit/libstatuskit_openapi.so.<version>  the engine they share (private)
#   share/statuskit/{specs,fixtures,conformance/suites}  their data, found from bin/ at run time
file(RELATIVE_PATH statuskit_private_libdir_from_bin "/prefix/${CMAKE_INSTALL_BINDIR}"
     "/prefix/${STATUSKIT_INSTALL_PRIVATE_LIBDIR}")
set_target_properties(mock-server conformance PROPERTIES
  INSTALL_RPATH "$ORIGIN/${statuskit_private_libdir_from_bin}")
install(TARGETS mock-server conformance RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# No development files: nothing links against the engine once installed.
install(TARGETS statuskit_openapi LIBRARY DESTINATION ${STATUSKIT_INSTALL_PRIVATE_LIBDIR}
  NAMELINK_SKIP)
# Data only: specs/README.md is documentation for people editing the specs.
install(DIRECTORY specs fixtures DESTINATION ${STATUSKIT_INSTALL_DATADIR}
  PATTERN README.md EXCLUDE)
install(DIRECTORY conformance/suites DESTINATION ${STATUSKIT_INSTALL_DATADIR}/conformance)
