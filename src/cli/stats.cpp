// firebreak stats: incident metrics from the database, as a table, JSON or CSV.
#include "firebreak/app/stats.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "arguments.hpp"
#include "firebreak/app/clock.hpp"
#include "firebreak/core/metrics.hpp"
#include "firebreak/core/printable.hpp"
#include "firebreak/store/transaction.hpp"
#include "runtime.hpp"
#include "subcommands.hpp"

namespace firebreak::cli {
namespace {

constexpr const char* kUsage =
    "Usage: firebreak stats --config FILE [--since 30d] [--severity sevN]\n"
    "                       [--format table|json|csv]\n"
    "Incident metrics over the incidents declared in the last --since (default 30d):\n"
    "count by severity; MTTA (declared -> IC acknowledged), MTTM (impact start ->\n"
    "mitigated) and MTTR (impact start -> resolved) as median and p90 (nearest rank);\n"
    "update cadence adherence; repeat rate (same service within 30 days); open and\n"
    "overdue action items. Drills and canceled incidents are excluded and counted apart.\n";

struct Report {
    core::MetricsQuery query;
    std::string since_text;  ///< "30d", as given
    core::Metrics metrics;
    core::Metrics external;  ///< the status page's cadence (StatsReport::external)
    const core::Policy* policy = nullptr;
};

std::string lowercase(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string percent(const std::optional<double>& share) {
    if (!share) return "-";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.0f%%", *share * 100);
    return buf;
}

std::string duration_or_dash(const std::optional<core::Duration>& d) {
    return d ? core::format_duration(*d) : "-";
}

std::vector<std::pair<std::string, int>> severity_rows(const Report& r) {
    return app::severity_counts(app::StatsReport{{}, r.query, r.metrics, r.external}, *r.policy);
}

struct NamedSummary {
    const char* key;    ///< "mtta"
    const char* label;  ///< what a person reads
    const core::DurationSummary* summary;
};

std::vector<NamedSummary> summaries(const core::Metrics& m) {
    return {{"mtta", "MTTA  declared -> acknowledged", &m.time_to_acknowledge},
            {"mttm", "MTTM  impact start -> mitigated", &m.time_to_mitigate},
            {"mttr", "MTTR  impact start -> resolved", &m.time_to_resolve}};
}

void print_table(const Report& r, std::ostream& out) {
    const core::Metrics& m = r.metrics;
    out << "Incidents declared since " << core::format_time(r.query.since) << " (last "
        << r.since_text << ")";
    if (r.query.severity) out << ", " << r.policy->severity_label(*r.query.severity) << " only";
    out << "\n"
        << m.incidents << " incident(s) counted; excluded: " << m.excluded_drills << " drill(s), "
        << m.excluded_canceled << " canceled\n\nBy severity\n";
    for (const auto& [id, n] : severity_rows(r)) {
        std::string label = r.policy->severity_label(id);
        label.resize(std::max<std::size_t>(label.size(), 20), ' ');
        out << "  " << label << " " << n << "\n";
    }
    out << "\nResponse times                     median   p90      incidents\n";
    for (const auto& s : summaries(m)) {
        char line[128];
        std::snprintf(line, sizeof line, "  %-32s %-8s %-8s %d\n", s.label,
                      duration_or_dash(s.summary->median).c_str(),
                      duration_or_dash(s.summary->p90).c_str(), s.summary->count);
        out << line;
    }
    out << "\nUpdate cadence: " << percent(m.on_time_share()) << " on time (" << m.updates_on_time
        << " of " << m.updates_due << " due), median lateness of late updates "
        << duration_or_dash(m.median_lateness) << "\n"
        << "Status page cadence: " << percent(r.external.on_time_share()) << " on time ("
        << r.external.updates_on_time << " of " << r.external.updates_due
        << " due), median lateness of late updates " << duration_or_dash(r.external.median_lateness)
        << "\n"
        << "Repeat rate: " << percent(m.repeat_rate()) << " (" << m.repeats << " of " << m.incidents
        << " had an incident on the same service in the 30 days before)\n"
        << "Action items: " << m.open_action_items << " open, " << m.overdue_action_items
        << " overdue\n";
}

nlohmann::json optional_json(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json duration_json(const std::optional<core::Duration>& d) {
    return d ? nlohmann::json(core::format_duration(*d)) : nlohmann::json(nullptr);
}

nlohmann::json seconds_json(const std::optional<core::Duration>& d) {
    return d ? nlohmann::json(d->count()) : nlohmann::json(nullptr);
}

void print_json(const Report& r, std::ostream& out) {
    const core::Metrics& m = r.metrics;
    nlohmann::json j;
    j["since"] = core::format_iso8601(r.query.since);
    j["now"] = core::format_iso8601(r.query.now);
    j["severity"] = r.query.severity ? nlohmann::json(*r.query.severity) : nlohmann::json();
    j["incidents"] = m.incidents;
    j["excluded"] = {{"drills", m.excluded_drills}, {"canceled", m.excluded_canceled}};
    j["by_severity"] = nlohmann::json::object();
    for (const auto& [id, n] : severity_rows(r)) j["by_severity"][id] = n;
    for (const auto& s : summaries(m)) {
        j[s.key] = {{"incidents", s.summary->count},
                    {"median", duration_json(s.summary->median)},
                    {"p90", duration_json(s.summary->p90)},
                    {"median_seconds", seconds_json(s.summary->median)},
                    {"p90_seconds", seconds_json(s.summary->p90)}};
    }
    j["cadence"] = {{"updates_due", m.updates_due},
                    {"on_time", m.updates_on_time},
                    {"on_time_share", optional_json(m.on_time_share())},
                    {"median_lateness", duration_json(m.median_lateness)},
                    {"median_lateness_seconds", seconds_json(m.median_lateness)}};
    j["external_cadence"] = {{"updates_due", r.external.updates_due},
                             {"on_time", r.external.updates_on_time},
                             {"on_time_share", optional_json(r.external.on_time_share())},
                             {"median_lateness", duration_json(r.external.median_lateness)},
                             {"median_lateness_seconds", seconds_json(r.external.median_lateness)}};
    j["repeats"] = {{"incidents", m.repeats}, {"rate", optional_json(m.repeat_rate())}};
    j["action_items"] = {{"open", m.open_action_items}, {"overdue", m.overdue_action_items}};
    out << j.dump(2) << "\n";
}

/// One row per metric: `metric,value,seconds`; seconds is set for durations only, and a
/// value that does not exist (no incident reached the milestone) is empty.
void print_csv(const Report& r, std::ostream& out) {
    const core::Metrics& m = r.metrics;
    out << "metric,value,seconds\n";
    auto count = [&](const std::string& name, long long v) { out << name << "," << v << ",\n"; };
    auto duration = [&](const std::string& name, const std::optional<core::Duration>& d) {
        if (d)
            out << name << "," << core::format_duration(*d) << "," << d->count() << "\n";
        else
            out << name << ",,\n";
    };
    auto share = [&](const std::string& name, const std::optional<double>& v) {
        out << name << ",";
        if (v) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.4f", *v);
            out << buf;
        }
        out << ",\n";
    };
    count("incidents", m.incidents);
    count("excluded_drills", m.excluded_drills);
    count("excluded_canceled", m.excluded_canceled);
    for (const auto& [id, n] : severity_rows(r)) count("incidents_" + id, n);
    for (const auto& s : summaries(m)) {
        count(std::string(s.key) + "_incidents", s.summary->count);
        duration(std::string(s.key) + "_median", s.summary->median);
        duration(std::string(s.key) + "_p90", s.summary->p90);
    }
    count("updates_due", m.updates_due);
    count("updates_on_time", m.updates_on_time);
    share("updates_on_time_share", m.on_time_share());
    duration("updates_median_lateness", m.median_lateness);
    count("status_page_updates_due", r.external.updates_due);
    count("status_page_updates_on_time", r.external.updates_on_time);
    share("status_page_updates_on_time_share", r.external.on_time_share());
    duration("status_page_updates_median_lateness", r.external.median_lateness);
    count("repeats", m.repeats);
    share("repeat_rate", m.repeat_rate());
    count("action_items_open", m.open_action_items);
    count("action_items_overdue", m.overdue_action_items);
}

int usage_error(const std::string& problem) {
    std::cerr << "error: " << problem << "\n\n" << kUsage;
    return kExitUsage;
}

}  // namespace

int stats(const std::vector<std::string>& args) {
    auto parsed = config_arguments(args, kUsage, {"--since", "--severity", "--format"});
    if (const int* code = std::get_if<int>(&parsed)) return *code;
    const auto& a = std::get<Arguments>(parsed);

    const std::string since_text = a.option("--since").value_or("30d");
    const auto window = core::parse_duration(since_text);
    if (!window) return usage_error("--since needs a duration such as 30d, 12h or 90m");
    const std::string format = a.option("--format").value_or("table");
    if (format != "table" && format != "json" && format != "csv")
        return usage_error("--format must be table, json or csv, not '" + format + "'");

    auto config = load_config(*a.option("--config"), std::cerr);
    if (!config) return kExitRuntimeError;
    const core::Policy policy = config->policy();
    Report report;
    report.policy = &policy;
    report.since_text = since_text;
    if (auto severity = a.option("--severity")) {
        std::string id = lowercase(*severity);
        if (!policy.find_severity(id))
            return usage_error("--severity must be one of the configured severities, not '" +
                               *severity + "'");
        report.query.severity = id;
    }
    auto store = open_store(*config);
    auto tx = store->begin();
    app::StatsReport computed =
        // Operators with the database read everything, private incidents included.
        app::stats_report(tx, *window, report.query.severity, app::SystemClock().now(),
                          app::PrivateIncidents::counted);
    report.query = computed.query;
    report.metrics = computed.metrics;
    report.external = computed.external;

    if (format == "json")
        print_json(report, std::cout);
    else if (format == "csv")
        print_csv(report, std::cout);
    else {
        // The table shows the admins' severity names: printed as text, never as escapes.
        std::ostringstream table;
        print_table(report, table);
        std::cout << core::printable(table.str());
    }
    return kExitOk;
}

}  // namespace firebreak::cli
