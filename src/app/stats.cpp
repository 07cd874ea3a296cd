#include "firebreak/app/stats.hpp"

#include "firebreak/store/transaction.hpp"

namespace firebreak::app {

StatsReport stats_report(store::Transaction& tx, core::Duration window,
                         std::optional<std::string> severity, core::Timestamp now,
                         PrivateIncidents privates) {
    StatsReport report;
    report.window = window;
    report.query.now = now;
    report.query.since = now - window;
    report.query.severity = std::move(severity);
    report.privates = privates;
    auto incidents = tx.incidents_declared_since(report.query.since - core::kRepeatWindow);
    if (privates == PrivateIncidents::left_out) {
        std::erase_if(incidents, [&report](const core::Incident& inc) {
            if (!inc.is_private) return false;
            bool in_report = inc.milestones.declared_at >= report.query.since &&
                             (!report.query.severity || inc.severity == *report.query.severity);
            report.excluded_private += in_report;
            return true;
        });
    }
    std::vector<std::int64_t> ids;
    for (const auto& inc : incidents) ids.push_back(inc.id);
    auto updates = tx.status_updates_of(ids);
    auto items = tx.all_action_items();
    report.metrics = core::compute_metrics(incidents, updates, items, report.query);
    // Published updates measured as updates: the same rules, their own figures.
    std::vector<core::StatusUpdate> published;
    for (auto id : ids)
        for (const auto& u : tx.public_updates(id))
            published.push_back(core::StatusUpdate{.id = u.id,
                                                   .incident_id = u.incident_id,
                                                   .kind = core::UpdateKind::update,
                                                   .text = "",
                                                   .author = u.author,
                                                   .posted_at = u.posted_at,
                                                   .due_at = u.due_at});
    core::Metrics external = core::compute_metrics(incidents, published, {}, report.query);
    report.external.updates_due = external.updates_due;
    report.external.updates_on_time = external.updates_on_time;
    report.external.median_lateness = external.median_lateness;
    return report;
}

std::vector<std::pair<std::string, int>> severity_counts(const StatsReport& report,
                                                         const core::Policy& policy) {
    const auto& by_severity = report.metrics.by_severity;
    std::vector<std::pair<std::string, int>> rows;
    for (const auto& level : policy.severities) {
        if (report.query.severity && *report.query.severity != level.id) continue;
        auto it = by_severity.find(level.id);
        rows.emplace_back(level.id, it == by_severity.end() ? 0 : it->second);
    }
    for (const auto& [id, n] : by_severity) {
        if (!policy.find_severity(id)) rows.emplace_back(id, n);
    }
    return rows;
}

}  // namespace firebreak::app
