# End-to-end tests: the vanthu command on fixture scans and on bad input.
set(VT_SAMPLE ${CMAKE_SOURCE_DIR}/fixtures/sample/notice.png)

add_test(NAME e2e/cli COMMAND ${CMAKE_CURRENT_LIST_DIR}/cli.sh
  $<TARGET_FILE:vanthu_cli> $<TARGET_FILE:vt_json_check> ${VT_SAMPLE})
set_tests_properties(e2e/cli PROPERTIES LABELS e2e TIMEOUT 600)

add_test(NAME e2e/batch COMMAND ${CMAKE_CURRENT_LIST_DIR}/batch.sh $<TARGET_FILE:vanthu_cli> ${VT_SAMPLE})
set_tests_properties(e2e/batch PROPERTIES LABELS e2e TIMEOUT 900)

# The bad-input corpus (generated at test time by tests/bad/make_corpus.py) in one batch.
# REQUIRED: without python3 the bad-input suite would silently not exist.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME e2e/bad COMMAND ${CMAKE_CURRENT_LIST_DIR}/bad.sh $<TARGET_FILE:vanthu_cli>
  ${CMAKE_SOURCE_DIR}/fixtures ${CMAKE_SOURCE_DIR}/tests/bad/make_corpus.py)
set_tests_properties(e2e/bad PROPERTIES LABELS e2e TIMEOUT 600)
# The test reads vanthu's stderr line by line: LeakSanitizer's own report of the
# suppressions it used would count as stray output.
if(VANTHU_SANITIZE)
  set_tests_properties(e2e/bad PROPERTIES ENVIRONMENT
    "LSAN_OPTIONS=suppressions=${CMAKE_SOURCE_DIR}/tests/lsan.supp:print_suppressions=0")
endif()

add_test(NAME e2e/kill COMMAND ${CMAKE_CURRENT_LIST_DIR}/kill.sh $<TARGET_FILE:vanthu_cli>
  ${CMAKE_SOURCE_DIR}/fixtures)
set_tests_properties(e2e/kill PROPERTIES LABELS e2e TIMEOUT 900)

add_test(NAME e2e/pdf COMMAND ${CMAKE_CURRENT_LIST_DIR}/pdf.sh $<TARGET_FILE:vanthu_cli>
  $<TARGET_FILE:vt_cer> $<TARGET_FILE:vt_json_check> ${CMAKE_SOURCE_DIR}/fixtures)
set_tests_properties(e2e/pdf PROPERTIES LABELS e2e TIMEOUT 900)

add_test(NAME e2e/stamp COMMAND ${CMAKE_CURRENT_LIST_DIR}/stamp.sh $<TARGET_FILE:vanthu_cli>
  $<TARGET_FILE:vt_json_check> ${CMAKE_SOURCE_DIR}/fixtures/scans)
set_tests_properties(e2e/stamp PROPERTIES LABELS e2e TIMEOUT 900)

add_test(NAME e2e/review COMMAND ${CMAKE_CURRENT_LIST_DIR}/review.sh $<TARGET_FILE:vanthu_cli>
  $<TARGET_FILE:vt_json_check> ${CMAKE_CURRENT_LIST_DIR}/review/cases.tsv)
set_tests_properties(e2e/review PROPERTIES LABELS e2e TIMEOUT 300)

add_test(NAME e2e/seeds COMMAND ${CMAKE_CURRENT_LIST_DIR}/seeds.sh $<TARGET_FILE:vanthu_cli>
  $<TARGET_FILE:vt_json_check> ${CMAKE_SOURCE_DIR}/fixtures/labels)
set_tests_properties(e2e/seeds PROPERTIES LABELS e2e TIMEOUT 600)

# One test per fixture page listed in the manifest (image, page, ground truth, dpi,
# kind, notes): OCR it and bound the character error rate against ground truth.
# A missing manifest is an error: it would drop every scan test without a word.
set(VT_MANIFEST ${CMAKE_SOURCE_DIR}/fixtures/scans/MANIFEST.tsv)
if(NOT EXISTS ${VT_MANIFEST})
  message(FATAL_ERROR "${VT_MANIFEST} is missing: the scan tests cannot be registered")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${VT_MANIFEST})
file(STRINGS ${VT_MANIFEST} rows ENCODING UTF-8)
foreach(row ${rows})
  if(row MATCHES "^#" OR row MATCHES "^image\t")
    continue()
  endif()
  string(REPLACE "\t" ";" cols "${row}")
  list(GET cols 0 image)
  list(GET cols 1 page)
  list(GET cols 2 truth)
  list(GET cols 4 kind)
  add_test(NAME e2e/scan/${image}/${page}
    COMMAND ${CMAKE_CURRENT_LIST_DIR}/scan.sh $<TARGET_FILE:vanthu_cli> $<TARGET_FILE:vt_cer>
      ${CMAKE_SOURCE_DIR}/fixtures/scans/${image} ${page}
      ${CMAKE_SOURCE_DIR}/fixtures/scans/${truth} ${kind})
  set_tests_properties(e2e/scan/${image}/${page} PROPERTIES LABELS e2e TIMEOUT 900)
endforeach()

# The installed library and its pkg-config file are enough to build a program.
# (Not under the sanitizers: the example is built without them.)
if(NOT VANTHU_SANITIZE)
  add_test(NAME e2e/link COMMAND ${CMAKE_CURRENT_LIST_DIR}/link.sh ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR})
  set_tests_properties(e2e/link PROPERTIES LABELS e2e TIMEOUT 300)
endif()

add_test(NAME e2e/progress COMMAND ${CMAKE_CURRENT_LIST_DIR}/progress.sh $<TARGET_FILE:vanthu_cli> ${VT_SAMPLE})
set_tests_properties(e2e/progress PROPERTIES LABELS e2e TIMEOUT 600)

# Installs (cmake --install, moved; the cpack .deb in a scratch root). Not under
# the sanitizers: the installed program would need their runtime's environment.
if(NOT VANTHU_SANITIZE)
  add_test(NAME e2e/install COMMAND ${CMAKE_CURRENT_LIST_DIR}/install.sh ${CMAKE_BINARY_DIR} ${VT_SAMPLE})
  set_tests_properties(e2e/install PROPERTIES LABELS e2e TIMEOUT 900)
endif()

# The archive outputs (ALTO, hOCR) against the ALTO 4.4 schema and the text output.
find_program(VT_XMLLINT xmllint REQUIRED)
add_test(NAME e2e/archive COMMAND ${CMAKE_CURRENT_LIST_DIR}/archive.sh $<TARGET_FILE:vanthu_cli>
  ${CMAKE_SOURCE_DIR}/fixtures ${CMAKE_SOURCE_DIR}/tests/schemas
  ${CMAKE_SOURCE_DIR}/tests/tools/archive_check.py)
set_tests_properties(e2e/archive PROPERTIES LABELS e2e TIMEOUT 900)

# The searchable PDF (-f pdf), read back with Poppler's tools and qpdf.
find_program(VT_QPDF qpdf REQUIRED)
find_program(VT_PDFTOTEXT pdftotext REQUIRED)
add_test(NAME e2e/pdf_output COMMAND ${CMAKE_CURRENT_LIST_DIR}/pdf_output.sh $<TARGET_FILE:vanthu_cli>
  ${CMAKE_SOURCE_DIR}/fixtures $<TARGET_FILE:vt_pixel_check> ${CMAKE_SOURCE_DIR}/tests/tools/pdf_words.py)
set_tests_properties(e2e/pdf_output PROPERTIES LABELS e2e TIMEOUT 900)
