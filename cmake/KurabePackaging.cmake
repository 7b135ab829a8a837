# CPack: `cpack -G DEB` in a build directory makes kurabe_<version>_<arch>.deb. Its dependencies
# are the runtime packages of packaging/debian-packages.txt, the one list ./dev installs from.
file(STRINGS "${PROJECT_SOURCE_DIR}/packaging/debian-packages.txt" package_lines
     REGEX "^[a-z0-9][^ ]*[ ]+runtime")
set(runtime_packages "")
foreach(line IN LISTS package_lines)
  string(REGEX REPLACE "[ ]+runtime.*$" "" name "${line}")
  list(APPEND runtime_packages "${name}")
endforeach()
list(JOIN runtime_packages ", " KURABE_DEB_DEPENDS)

install(FILES packaging/kurabe.desktop DESTINATION share/applications)
install(FILES resources/icons/kurabe.svg DESTINATION share/icons/hicolor/scalable/apps)

set(CPACK_PACKAGE_NAME kurabe)
set(CPACK_PACKAGE_VENDOR "Kurabe")
set(CPACK_PACKAGE_CONTACT "Kurabe developers <kurabe@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${KURABE_DEB_DEPENDS}")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_GENERATOR DEB)
include(CPack)
