#include <iostream>

#include "arguments.hpp"
#include "firebreak/config/loader.hpp"
#include "subcommands.hpp"

namespace firebreak::cli {

int check_config(const std::vector<std::string>& args) {
    constexpr const char* kUsage =
        "Usage: firebreak check-config FILE\n"
        "Validates a config file and prints every error with file:line:column.\n"
        "Exit 0 when valid, 1 when not.\n";
    auto parsed = parse_or_exit(args, {}, kUsage);
    if (const int* code = std::get_if<int>(&parsed)) return *code;
    const auto& a = std::get<Arguments>(parsed);
    if (a.positional.size() != 1) {
        std::cerr << "error: name exactly one config file\n\n" << kUsage;
        return kExitUsage;
    }
    auto result = config::load_file(a.positional.front(), config::process_environment());
    if (!result.ok()) {
        for (const auto& e : result.errors) std::cout << e.to_string() << "\n";
        std::cout << result.errors.size() << " error(s)\n";
        return kExitRuntimeError;
    }
    const config::Config& c = *result.config;
    std::cout << "OK: " << a.positional.front() << "\n";
    std::cout << "Severities (default " << c.incident.default_severity << "):\n";
    for (const auto& s : c.severities)
        std::cout << "  " << s.id << "  " << s.name << ", updates every "
                  << core::format_cadence(s.update_every) << "\n";
    std::cout << "Roles:";
    for (const auto& r : c.roles)
        std::cout << " " << r.name << " (" << core::to_string(r.id) << ")";
    std::cout << "\nSlack: " << (c.slack.active() ? "on" : "off")
              << "   Teams: " << (c.teams.active() ? "on" : "off") << "\n";
    if (c.teams.active()) {
        std::cout << "Teams: tenant " << c.teams.tenant_id << ", ";
        if (c.teams.thread_mode())
            std::cout << "a thread per incident in " << c.teams.announce_channel;
        else
            std::cout << "a channel per incident in team " << c.teams.incidents_team;
        std::cout << ", package host "
                  << (c.teams.bot_host.empty() ? "(none: set teams.bot_host)" : c.teams.bot_host)
                  << "\n";
    }
    std::cout << "Database: " << c.storage.sqlite.path << "   Listen: " << c.server.listen
              << "   Admin: " << c.server.admin_listen << "\n";
    return kExitOk;
}

}  // namespace firebreak::cli
