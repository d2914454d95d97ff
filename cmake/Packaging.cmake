# The Debian package: `cmake --build build --target package` writes build/flowstudio_<version>_<arch>.deb.
# What goes in is in packaging/CMakeLists.txt; this file sets CPack up. Library dependencies come from
# dpkg-shlibdeps (the Debian packages the build linked against); plugins Qt loads at run time are added
# by hand because no linker sees them.
add_subdirectory(packaging)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME flowstudio)
set(CPACK_PACKAGE_VENDOR "Flowstudio developers")
set(CPACK_PACKAGE_CONTACT "Flowstudio developers <dev@flowstudio.example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "visual editor and runner for workflows")
set(CPACK_PACKAGE_DESCRIPTION
    "Flowstudio builds workflows from shell commands, HTTP requests, JSON steps, scripts and file\n"
    "operations as a node graph, keeps them as readable YAML and runs them locally, in the app or\n"
    "headless with flowrun.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://flowstudio.example.org")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Run-time plugins: SQLite for run history; the xcb and offscreen platforms and the SVG icon engine
# come with libqt6gui6 and libqt6svg6, which shlibdeps finds anyway.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "graphviz, slurm-client")
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
include(CPack)
