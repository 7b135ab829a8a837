# Unicode properties for the tokenizers. The tables are generated at build time from the Unicode
# Character Database (Debian package unicode-data) by a small host tool; nothing is committed.
find_file(KURABE_UNICODE_DATA UnicodeData.txt
          PATHS /usr/share/unicode /usr/share/unicode-data /usr/share/unicode/ucd
          NO_DEFAULT_PATH)
if(NOT KURABE_UNICODE_DATA)
  message(FATAL_ERROR "UnicodeData.txt not found: install the unicode-data package "
                      "(or pass -DKURABE_UNICODE_DATA=/path/to/UnicodeData.txt)")
endif()

add_executable(kurabe_unicode_tablegen unicode/unicode_tablegen.cpp)
target_include_directories(kurabe_unicode_tablegen PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}")
kurabe_target_defaults(kurabe_unicode_tablegen)
set_target_properties(kurabe_unicode_tablegen PROPERTIES AUTOMOC OFF AUTORCC OFF)

set(kurabe_unicode_tables "${CMAKE_CURRENT_BINARY_DIR}/unicode/unicode_tables.cpp")
add_custom_command(
  OUTPUT "${kurabe_unicode_tables}"
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_CURRENT_BINARY_DIR}/unicode"
  COMMAND kurabe_unicode_tablegen "${KURABE_UNICODE_DATA}" "${kurabe_unicode_tables}"
  DEPENDS kurabe_unicode_tablegen "${KURABE_UNICODE_DATA}"
  COMMENT "Generating Unicode tables from ${KURABE_UNICODE_DATA}"
  VERBATIM)

list(APPEND KURABE_ENGINE_SOURCES
     unicode/unicode_flags.h
     unicode/unicode_tables.h "${kurabe_unicode_tables}"
     unicode/unicode.h unicode/unicode.cpp
     unicode/utf8.h unicode/utf8.cpp)
