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
if(VANTHU_TESTS)
  vanthu_require(CMOCKA "cmocka>=1.1" libcmocka-dev)
endif()
