#pragma once
// The Teams app package an admin uploads: a zip of manifest.json (config/teams/, with the
// bot's app id, public host and version filled in) and the colour and outline icons.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace firebreak::teams {

/// What the package's placeholders become.
struct PackageValues {
    std::string app_id;    ///< {{APP_ID}}: the Azure Bot's Microsoft App ID, a GUID
    std::string bot_host;  ///< {{BOT_HOST}}: the public host serving /teams/messages
    std::string version;   ///< {{VERSION}}: the app's version, "MAJOR.MINOR.PATCH"
};

/// Why `values` cannot go into a manifest (not a GUID, not a host name, not a version), or
/// nullopt when they can. The message names the field, never the app id's value.
std::optional<std::string> package_values_problem(const PackageValues& values);

/// `manifest_template` with every {{APP_ID}}, {{BOT_HOST}} and {{VERSION}} replaced.
/// Throws std::invalid_argument when package_values_problem() finds a problem, when the
/// result is not valid JSON, or when a {{…}} placeholder is left over.
std::string fill_manifest(std::string_view manifest_template, const PackageValues& values);

/// The built-in manifest (config/teams/manifest.json as built) filled with `values`.
std::string filled_manifest(const PackageValues& values);

/// Writes the zip to `out` (manifest.json, color.png, outline.png), replacing any file
/// there; nothing is left at `out` on failure. Returns why it failed, or nullopt.
std::optional<std::string> write_app_package(const std::filesystem::path& out,
                                             const PackageValues& values);

}  // namespace firebreak::teams
