#include <iostream>

#include "arguments.hpp"
#include "firebreak/app/postmortem.hpp"
#include "firebreak/core/printable.hpp"
#include "firebreak/store/transaction.hpp"
#include "runtime.hpp"
#include "subcommands.hpp"

namespace firebreak::cli {

int export_record(const std::vector<std::string>& args) {
    constexpr const char* kUsage =
        "Usage: firebreak export ID [--format md|json] --config FILE\n"
        "Writes one incident to standard output. ID is its number or its name\n"
        "(inc-20261122-checkout-errors).\n"
        "  --format md    the postmortem draft in Markdown, in the playbook's structure (default)\n"
        "  --format json  the whole record: incident, milestones, timeline, decisions, status\n"
        "                 updates and action items\n";
    auto parsed = parse_or_exit(args, {"--config", "--format"}, kUsage);
    if (const int* code = std::get_if<int>(&parsed)) return *code;
    const auto& a = std::get<Arguments>(parsed);
    if (a.positional.size() != 1) {
        std::cerr << "error: "
                  << (a.positional.empty() ? "name the incident to export"
                                           : "unexpected argument '" + a.positional[1] + "'")
                  << "\n\n"
                  << kUsage;
        return kExitUsage;
    }
    const std::string format = a.option("--format").value_or("md");
    if (format != "md" && format != "json") {
        std::cerr << "error: unknown format '" << format << "'; use md or json\n\n" << kUsage;
        return kExitUsage;
    }
    const auto path = a.option("--config");
    if (!path || path->empty()) {
        std::cerr << "error: --config FILE is required\n\n" << kUsage;
        return kExitUsage;
    }

    auto config = load_config(*path, std::cerr);
    if (!config) return kExitRuntimeError;
    auto store = open_store(*config);
    std::optional<app::IncidentRecord> record;
    {
        auto tx = store->begin();  // read only: rolled back when it goes out of scope
        record = app::load_record(tx, a.positional.front());
    }
    if (!record) {
        std::cerr << "firebreak export: no incident with id or name '" << a.positional.front()
                  << "' in " << store->path() << "\n";
        return kExitRuntimeError;
    }
    const core::Policy policy = config->policy();
    // JSON escapes every control byte itself; Markdown is read in terminals and editors,
    // where what people typed must not act as an escape sequence.
    std::cout << (format == "json" ? app::record_json(*record, policy)
                                   : core::printable(app::postmortem_markdown(*record, policy)));
    return kExitOk;
}

}  // namespace firebreak::cli
