// firebreak: the composition root. Each subcommand wires the modules it needs.
#include <spdlog/spdlog.h>

#include <iostream>

#include "arguments.hpp"
#include "subcommands.hpp"

namespace {

constexpr const char* kUsage =
    "firebreak: a chat-ops incident bot\n"
    "\n"
    "Usage:\n"
    "  firebreak serve   --config FILE   run the bot (HTTP listener, scheduler, outbox)\n"
    "  firebreak console --config FILE   local REPL: one pretend workspace, same service and "
    "store\n"
    "  firebreak migrate --config FILE   apply the database migrations and exit\n"
    "  firebreak check-config FILE       validate a config file; exit 1 on errors\n"
    "  firebreak stats   --config FILE   MTTA, MTTM, MTTR, cadence adherence, repeat rate\n"
    "  firebreak export ID --format md|json --config FILE   postmortem draft / full record\n"
    "  firebreak teams-package --config FILE --out FILE     the Teams app package to upload\n"
    "\n"
    "Run 'firebreak <command> --help' for more. Exit codes: 0 ok, 1 runtime error, 2 usage "
    "error.\n";

}  // namespace

int main(int argc, char** argv) {
    using namespace firebreak::cli;
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S%z %^%l%$ %v");
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << kUsage;
        return kExitUsage;
    }
    std::string command = args.front();
    args.erase(args.begin());
    try {
        if (command == "serve") return serve(args);
        if (command == "console") return console(args);
        if (command == "migrate") return migrate(args);
        if (command == "check-config") return check_config(args);
        if (command == "stats") return stats(args);
        if (command == "export") return export_record(args);
        if (command == "teams-package") return teams_package(args);
    } catch (const std::exception& e) {
        std::cerr << "firebreak " << command << ": " << e.what() << "\n";
        return kExitRuntimeError;
    }
    if (command == "-h" || command == "--help" || command == "help") {
        std::cout << kUsage;
        return kExitOk;
    }
    std::cerr << "firebreak: unknown command '" << command << "'\n\n" << kUsage;
    return kExitUsage;
}
