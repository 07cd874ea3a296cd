#pragma once
// The files of config/teams/, compiled in (cmake/EmbedTeamsPackage.cmake).

#include <string_view>

namespace firebreak::teams::detail {

struct PackageFiles {
    std::string_view manifest_template;  ///< manifest.json with {{…}} placeholders
    std::string_view color_png;          ///< 192×192
    std::string_view outline_png;        ///< 32×32
};

/// The files as they were when the binary was built; they live as long as the program.
PackageFiles package_files();

}  // namespace firebreak::teams::detail
