// `firebreak teams-package`: the zip an admin uploads to Teams, filled from the config.
#include <iostream>

#include "arguments.hpp"
#include "firebreak/teams/app_package.hpp"
#include "runtime.hpp"
#include "subcommands.hpp"

namespace firebreak::cli {

int teams_package(const std::vector<std::string>& args) {
    constexpr const char* kUsage =
        "Usage: firebreak teams-package --config FILE [--out FILE] [--app-version X.Y.Z]\n"
        "Writes the Microsoft Teams app package to upload (default firebreak-teams.zip):\n"
        "manifest.json with the bot's app id (teams.app_id), its public host (teams.bot_host,\n"
        "else server.public_url's host) and the version filled in, color.png and outline.png.\n"
        "--app-version defaults to firebreak's own (" FIREBREAK_VERSION
        "); raise it for every upload\n"
        "that replaces an installed package.\n"
        "Exit 0 when written, 1 on a bad config or an unwritable file, 2 on a usage error.\n";
    auto parsed = config_arguments(args, kUsage, {"--out", "--app-version"});
    if (const int* code = std::get_if<int>(&parsed)) return *code;
    const auto& a = std::get<Arguments>(parsed);
    const std::string out = a.option("--out").value_or("firebreak-teams.zip");
    const std::string version = a.option("--app-version").value_or(FIREBREAK_VERSION);
    if (out.empty()) {
        std::cerr << "error: --out needs a file name\n\n" << kUsage;
        return kExitUsage;
    }
    auto config = load_config(*a.option("--config"), std::cerr);
    if (!config) return kExitRuntimeError;
    teams::PackageValues values{config->teams.app_id.value(), config->teams.bot_host, version};
    if (auto problem = teams::write_app_package(out, values)) {
        std::cerr << "firebreak teams-package: " << *problem << "; nothing was written\n";
        return kExitRuntimeError;
    }
    std::cout << "wrote " << out << " (version " << version << ", bot host " << values.bot_host
              << ")\n"
              << "Upload it in Teams (Apps, Manage your apps, Upload an app) or the Teams admin "
                 "center, then add it to the incidents team.\n";
    return kExitOk;
}

}  // namespace firebreak::cli
