# install.cmake — what `cmake --install` puts where (included by the top
# CMakeLists.txt): the tool, the header, both libraries, clipclean.pc, the
# CMake package (find_package(clipclean) -> clipclean::clipclean, and
# clipclean::clipclean_static), the man pages and the bash completion.
include(CMakePackageConfigHelpers)

install(TARGETS clipclean RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS ${CC_INSTALL_TARGETS} EXPORT clipcleanTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES include/clipclean.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

# pkg-config: the static library's dependencies are private (a program
# linking the shared library needs only -lclipclean); `pkg-config --static`
# adds them.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(CC_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
else()
  set(CC_PC_LIBDIR "\${exec_prefix}/${CMAKE_INSTALL_LIBDIR}")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(CC_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(CC_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
# (written at install time: `cmake --install --prefix DIR` decides the
# prefix; the ${...} of pkg-config variables are kept from expansion)
string(REPLACE "\${" "\\\${" cc_pc_libdir "${CC_PC_LIBDIR}")
string(REPLACE "\${" "\\\${" cc_pc_includedir "${CC_PC_INCLUDEDIR}")
install(CODE "
  set(PROJECT_VERSION \"${PROJECT_VERSION}\")
  set(CC_PC_LIBDIR \"${cc_pc_libdir}\")
  set(CC_PC_INCLUDEDIR \"${cc_pc_includedir}\")
  configure_file(\"${CMAKE_SOURCE_DIR}/cmake/clipclean.pc.in\"
                 \"${CMAKE_BINARY_DIR}/clipclean.pc\" @ONLY)")
install(FILES ${CMAKE_BINARY_DIR}/clipclean.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

set(CC_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/clipclean)
install(EXPORT clipcleanTargets NAMESPACE clipclean:: DESTINATION ${CC_CMAKE_DIR})
configure_package_config_file(cmake/clipclean-config.cmake.in
                              ${CMAKE_BINARY_DIR}/clipclean-config.cmake
                              INSTALL_DESTINATION ${CC_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/clipclean-config-version.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/clipclean-config.cmake
              ${CMAKE_BINARY_DIR}/clipclean-config-version.cmake
        DESTINATION ${CC_CMAKE_DIR})

install(FILES docs/man/clipclean.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES docs/man/clipclean.3 DESTINATION ${CMAKE_INSTALL_MANDIR}/man3)
install(FILES completion/clipclean.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME clipclean)
