#include <unistd.h>

#include <iostream>

#include "arguments.hpp"
#include "firebreak/console/console_session.hpp"
#include "runtime.hpp"
#include "subcommands.hpp"

namespace firebreak::cli {

int console(const std::vector<std::string>& args) {
    constexpr const char* kUsage =
        "Usage: firebreak console --config FILE [--user NAME]\n"
        "A local REPL over the real incident service and the config's database: one pretend\n"
        "workspace with #general and #incidents. Type /incident help, or :help for the\n"
        "console's own commands (:as, :join, :click, :advance, :quit). When standard input\n"
        "is not a terminal, it runs the lines it reads as a script.\n";
    auto parsed = config_arguments(args, kUsage, {"--user"});
    if (const int* code = std::get_if<int>(&parsed)) return *code;
    const auto& a = std::get<Arguments>(parsed);
    const std::optional<std::string> user =
        console::console_user(a.option("--user").value_or("you"));
    if (!user) {
        std::cerr << "error: --user needs one name " << console::kUserNameRule << "\n\n" << kUsage;
        return kExitUsage;
    }
    auto config = load_config(*a.option("--config"), std::cerr);
    if (!config) return kExitRuntimeError;
    auto store = open_store(*config);
    app::OffsetClock clock;
    app::IncidentService service(*store, clock, service_settings(*config, "console", "incidents"));

    console::ConsoleOptions options;
    options.user = *user;
    options.interactive = isatty(STDIN_FILENO) != 0;
    if (options.interactive)
        std::cout << "firebreak console: database " << store->path()
                  << ". Type /incident help, :help, or :quit.\n";
    console::ConsoleSession session(service, *store, clock, std::cin, std::cout, options);
    int failures = session.run();
    return failures == 0 || options.interactive ? kExitOk : kExitRuntimeError;
}

}  // namespace firebreak::cli
