# Compiles config/teams/ (manifest.json and the two icons) into the binary, so
# `firebreak teams-package` works wherever it runs. Re-run at the next build whenever one
# of those files changes.
function(firebreak_embed_teams_package out_file)
  set(dir "${PROJECT_SOURCE_DIR}/config/teams")
  set(entries "")
  foreach(name manifest.json color.png outline.png)
    set(f "${dir}/${name}")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${f}")
    file(READ "${f}" hex HEX)
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
    string(MAKE_C_IDENTIFIER "${name}" id)
    string(APPEND entries "const unsigned char k_${id}[] = {${bytes}};\n")
  endforeach()
  set(content "// Generated from config/teams/ by cmake/EmbedTeamsPackage.cmake. Do not edit.\n#include \"package_files.hpp\"\n\nnamespace firebreak::teams::detail {\n\nnamespace {\n${entries}\nstd::string_view view(const unsigned char* data, std::size_t size) {\n  return {reinterpret_cast<const char*>(data), size};\n}\n}  // namespace\n\nPackageFiles package_files() {\n  return {view(k_manifest_json, sizeof k_manifest_json), view(k_color_png, sizeof k_color_png),\n          view(k_outline_png, sizeof k_outline_png)};\n}\n\n}  // namespace firebreak::teams::detail\n")
  # Written via a copy so the generated file's timestamp only moves when its text does.
  file(WRITE "${out_file}.in" "${content}")
  configure_file("${out_file}.in" "${out_file}" COPYONLY)
endfunction()
