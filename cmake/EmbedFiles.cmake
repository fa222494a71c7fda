# redflag_embed_files(OUTPUT out.cc NAMESPACE ns ROOT dir FILES f1 f2 ...)
# Generates a C++ source that holds each file's bytes, so the binary needs no files beside it.
function(redflag_embed_files)
  cmake_parse_arguments(ARG "" "OUTPUT;ROOT;SYMBOL" "FILES" ${ARGN})
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${ARG_OUTPUT} -DROOT=${ARG_ROOT} -DSYMBOL=${ARG_SYMBOL}
            "-DFILES=${ARG_FILES}" -P ${PROJECT_SOURCE_DIR}/cmake/embed_files_script.cmake
    DEPENDS ${ARG_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_files_script.cmake
    COMMENT "Embedding ${ARG_SYMBOL}"
    VERBATIM)
endfunction()
