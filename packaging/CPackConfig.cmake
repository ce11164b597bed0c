# A Debian package of the two programs: `cmake --build build --target package`.
install(FILES ${CMAKE_SOURCE_DIR}/packaging/turfdrive.desktop DESTINATION share/applications)
install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/status-green.svg DESTINATION share/icons/hicolor/scalable/apps
        RENAME turfdrive.svg)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME turfdrive)
set(CPACK_PACKAGE_VENDOR "TurfDrive")
set(CPACK_PACKAGE_CONTACT "TurfDrive <support@turfdrive.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION office)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
include(CPack)
