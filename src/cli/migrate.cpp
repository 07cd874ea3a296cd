#include <iostream>

#include "arguments.hpp"
#include "runtime.hpp"
#include "subcommands.hpp"

namespace firebreak::cli {

int migrate(const std::vector<std::string>& args) {
    constexpr const char* kUsage =
        "Usage: firebreak migrate --config FILE\n"
        "Applies the database migrations the config's storage needs, then exits.\n";
    auto path = config_path_argument(args, kUsage);
    if (const int* code = std::get_if<int>(&path)) return *code;
    auto config = load_config(std::get<std::string>(path), std::cerr);
    if (!config) return kExitRuntimeError;
    store::Store store({config->storage.sqlite.path, config->storage.sqlite.synchronous});
    auto report = store.migrate();
    if (report.applied.empty()) {
        std::cout << config->storage.sqlite.path << ": schema is current (version "
                  << report.to_version << ")\n";
    } else {
        for (const auto& name : report.applied) std::cout << "applied " << name << "\n";
        std::cout << config->storage.sqlite.path << ": schema version " << report.from_version
                  << " -> " << report.to_version << "\n";
    }
    return kExitOk;
}

}  // namespace firebreak::cli
