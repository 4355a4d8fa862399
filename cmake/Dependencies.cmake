# Every dependency comes from Debian through pkg-config; a missing one names the
# package to install instead of failing with a bare "not found".
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenMP REQUIRED COMPONENTS C)

function(vanthu_require prefix modules debian_package)
  pkg_check_modules(${prefix} IMPORTED_TARGET ${modules})
  if(NOT ${prefix}_FOUND)
    message(FATAL_ERROR "vanthu needs ${modules}: install it with `apt-get install ${debian_package}` "
                        "(or run ./setup.sh, which installs every build dependency).")
  endif()
endfunction()

vanthu_require(TESSERACT "tesseract>=5" libtesseract-dev)
vanthu_require(LEPT "lept>=1.80" libleptonica-dev)
vanthu_require(ICU "icu-uc;icu-i18n" libicu-dev)
vanthu_require(JSONC "json-c>=0.15" libjson-c-dev)
vanthu_require(POPPLER "poppler-glib>=22" libpoppler-glib-dev)
vanthu_require(XML2 "libxml-2.0>=2.9" libxml2-dev)
vanthu_require(LCMS2 "lcms2>=2.9" liblcms2-dev)
vanthu_require(ZLIB "zlib>=1.2" zlib1g-dev)
vanthu_require(QPDF "libqpdf>=10.6" libqpdf-dev)
# libharu ships no pkg-config file.
find_path(HPDF_INCLUDE_DIR hpdf.h)
find_library(HPDF_LIBRARY hpdf)
if(NOT HPDF_INCLUDE_DIR OR NOT HPDF_LIBRARY)
  message(FATAL_ERROR "vanthu needs libharu (hpdf.h, libhpdf): install it with `apt-get install libhpdf-dev` "
                      "(or run ./setup.sh, which installs every build dependency).")
endif()
add_library(vanthu_hpdf INTERFACE IMPORTED)
set_target_properties(vanthu_hpdf PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${HPDF_INCLUDE_DIR}"
                      INTERFACE_LINK_LIBRARIES "${HPDF_LIBRARY}")
if(VANTHU_TESTS)
  vanthu_require(CMOCKA "cmocka>=1.1" libcmocka-dev)
endif()
