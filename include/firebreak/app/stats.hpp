#pragma once
// Incident metrics from the store: what `firebreak stats` and `/incident stats` report.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "firebreak/core/metrics.hpp"
#include "firebreak/core/policy.hpp"

namespace firebreak::store {
class Transaction;
}  // namespace firebreak::store

namespace firebreak::app {

/// Whether a report counts private incidents. Their numbers tell who had which outage, so
/// a chat report leaves them out unless an admin asks where they are discussed.
enum class PrivateIncidents { counted, left_out };

struct StatsReport {
    core::Duration window{};  ///< how far back from query.now incidents are counted
    core::MetricsQuery query;
    core::Metrics metrics;
    /// The status page's cadence, apart from the internal one: of the published updates
    /// that had a due time (the external cadence), how many went out by it. Only its
    /// updates_* and median_lateness are set.
    core::Metrics external;
    PrivateIncidents privates = PrivateIncidents::counted;
    /// With PrivateIncidents::left_out: the private incidents declared in the window (of
    /// the severity, when given) that the report does not show. 0 otherwise.
    int excluded_private = 0;
};

/// The report over the incidents declared in the `window` before `now`, of `severity`
/// only when given. Reads the incidents since one kRepeatWindow earlier still (the
/// history that tells whether one is a repeat), their status updates and action items.
/// With PrivateIncidents::left_out, private incidents are not read as anything: not
/// counted, not history for a repeat, and their action items not counted.
StatsReport stats_report(store::Transaction& tx, core::Duration window,
                         std::optional<std::string> severity, core::Timestamp now,
                         PrivateIncidents privates);

/// Counted incidents per severity: the configured ones in order (zeros included, only the
/// queried one when the report is for one severity), then any other id the store holds.
std::vector<std::pair<std::string, int>> severity_counts(const StatsReport& report,
                                                         const core::Policy& policy);

}  // namespace firebreak::app
