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

struct StatsReport {
    core::Duration window{};  ///< how far back from query.now incidents are counted
    core::MetricsQuery query;
    core::Metrics metrics;
};

/// The report over the incidents declared in the `window` before `now`, of `severity`
/// only when given. Reads the incidents since one kRepeatWindow earlier still (the
/// history that tells whether one is a repeat), their status updates and action items.
StatsReport stats_report(store::Transaction& tx, core::Duration window,
                         std::optional<std::string> severity, core::Timestamp now);

/// Counted incidents per severity: the configured ones in order (zeros included, only the
/// queried one when the report is for one severity), then any other id the store holds.
std::vector<std::pair<std::string, int>> severity_counts(const StatsReport& report,
                                                         const core::Policy& policy);

}  // namespace firebreak::app
