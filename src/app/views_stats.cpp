// `/incident stats`: the metrics report as a chat message.
#include <cstdio>

#include "views.hpp"

namespace firebreak::app::views {
namespace {

std::string percent(const std::optional<double>& share) {
    if (!share) return "-";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.0f%%", *share * 100);
    return buf;
}

std::string plural(int n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// "median 4m, p90 12m (5 incidents)", or why there is nothing to show.
std::string durations(const core::DurationSummary& s) {
    if (s.count == 0 || !s.median || !s.p90) return "no incident reached it";
    return "median " + core::format_duration(*s.median) + ", p90 " + core::format_duration(*s.p90) +
           " (" + plural(s.count, "incident", "incidents") + ")";
}

}  // namespace

chat::Message stats(const StatsReport& report, const core::Policy& policy) {
    const core::Metrics& m = report.metrics;
    chat::Message message;
    message.text = "*Incident stats, last " + core::format_duration(report.window) + "*";
    if (report.query.severity)
        message.text += " (" + policy.severity_label(*report.query.severity) + " only)";
    message.text += "\nIncidents declared since " + core::format_time(report.query.since) + ".";

    std::string by_severity;
    for (const auto& [id, n] : severity_counts(report, policy))
        by_severity += (by_severity.empty() ? "" : ", ") + policy.severity_label(id) + ": " +
                       std::to_string(n);
    message.fields.push_back({"Incidents", std::to_string(m.incidents) + " (" + by_severity + ")"});
    message.fields.push_back({"MTTA (declared → acknowledged)", durations(m.time_to_acknowledge)});
    message.fields.push_back({"MTTM (impact → mitigated)", durations(m.time_to_mitigate)});
    message.fields.push_back({"MTTR (impact → resolved)", durations(m.time_to_resolve)});

    std::string cadence = percent(m.on_time_share()) + " on time (" +
                          std::to_string(m.updates_on_time) + " of " +
                          std::to_string(m.updates_due) + " due)";
    if (m.median_lateness)
        cadence += "; late ones by " + core::format_duration(*m.median_lateness) + " (median)";
    message.fields.push_back({"Status updates", cadence});
    const core::Metrics& x = report.external;
    if (x.updates_due > 0) {
        std::string external = percent(x.on_time_share()) + " on time (" +
                               std::to_string(x.updates_on_time) + " of " +
                               std::to_string(x.updates_due) + " due)";
        if (x.median_lateness)
            external += "; late ones by " + core::format_duration(*x.median_lateness) + " (median)";
        message.fields.push_back({"Status page updates", external});
    }
    message.fields.push_back(
        {"Repeat rate", percent(m.repeat_rate()) + " (" + std::to_string(m.repeats) + " of " +
                            std::to_string(m.incidents) +
                            " hit a service that had an incident in the 30 days before)"});
    message.fields.push_back({"Action items", std::to_string(m.open_action_items) + " open, " +
                                                  std::to_string(m.overdue_action_items) +
                                                  " overdue"});
    message.footer = "Drills and canceled incidents are excluded: " +
                     plural(m.excluded_drills, "drill", "drills") + " and " +
                     std::to_string(m.excluded_canceled) +
                     " canceled. Percentiles are nearest-rank.";
    if (report.privates == PrivateIncidents::left_out)
        message.footer +=
            " Private incidents are left out: " + std::to_string(report.excluded_private) +
            " (an admin sees them by asking in a private incident's channel).";
    else
        message.footer += " Private incidents are included.";
    return message;
}

}  // namespace firebreak::app::views
