# Where `cmake --install` puts things, relative to the prefix. Included before the subdirectories
# because the programs are compiled with the path from their folder to their data.
include(GNUInstallDirs)
# specs/, fixtures/ and conformance/suites/, laid out as in the source tree, so one relative
# path finds a file in either.
set(STATUSKIT_INSTALL_DATADIR ${CMAKE_INSTALL_DATADIR}/statuskit)
# The OpenAPI engine is a shared library only the two programs use: a private folder, found
# through the programs' RUNPATH ($ORIGIN-relative, so any prefix works).
set(STATUSKIT_INSTALL_PRIVATE_LIBDIR ${CMAKE_INSTALL_LIBDIR}/statuskit)
