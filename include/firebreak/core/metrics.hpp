#pragma once
// Incident metrics, to see whether the playbook works: how fast incidents are
// acknowledged, mitigated and resolved, whether updates keep their cadence, how often a
// service breaks again, and how many follow-ups are still open. Pure: `now` is passed in.
//
// Percentiles are nearest-rank: the p-th percentile of n sorted values is the value at
// 1-based rank ceil(p * n / 100). It is always one of the samples, and the median of an
// even count is the lower of the two middle values.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "firebreak/core/incident.hpp"
#include "firebreak/core/time.hpp"

namespace firebreak::core {

/// A repeat is an incident whose service had another counted incident this long before.
inline constexpr Duration kRepeatWindow = std::chrono::days{30};

/// The nearest-rank `percent`-th percentile (1..100) of `values`; nullopt when empty.
std::optional<Duration> nearest_rank_percentile(std::vector<Duration> values, int percent);

/// Median and 90th percentile of one interval, over the incidents that reached its end.
struct DurationSummary {
    int count = 0;                   ///< incidents measured
    std::optional<Duration> median;  ///< nullopt when count is 0
    std::optional<Duration> p90;
};

/// Which incidents a report covers.
struct MetricsQuery {
    Timestamp since{};                    ///< incidents declared at or after this are reported
    Timestamp now{};                      ///< "today", for overdue action items
    std::optional<std::string> severity;  ///< report only this severity id
};

struct Metrics {
    int incidents = 0;          ///< counted: in the window, of the severity, not excluded
    int excluded_drills = 0;    ///< drills in the window (canceled drills included)
    int excluded_canceled = 0;  ///< canceled incidents in the window that were not drills
    std::map<std::string, int> by_severity;  ///< counted incidents by severity id

    DurationSummary time_to_acknowledge;  ///< MTTA: declared -> IC acknowledged
    DurationSummary time_to_mitigate;     ///< MTTM: impact start -> mitigated
    DurationSummary time_to_resolve;      ///< MTTR: impact start -> resolved

    int updates_due = 0;                      ///< updates of counted incidents that had a due time
    int updates_on_time = 0;                  ///< of those, posted at or before it
    std::optional<Duration> median_lateness;  ///< of the late ones; nullopt when none

    int repeats = 0;  ///< counted incidents whose service had a counted incident shortly before

    int open_action_items = 0;     ///< of counted incidents, still open
    int overdue_action_items = 0;  ///< open, and due before today (UTC)

    /// updates_on_time / updates_due; nullopt when no update had a due time.
    std::optional<double> on_time_share() const;
    /// repeats / incidents; nullopt when nothing was counted.
    std::optional<double> repeat_rate() const;
};

/// Computes the report for `query` from every incident declared at or after
/// `query.since - kRepeatWindow` (earlier ones are only history for the repeat rate),
/// their status updates and action items (records of other incidents are ignored).
///
/// Drills and canceled incidents are excluded from everything, history included, and
/// counted in `excluded_*`. Impact start is `impact.started_at` when known, else the
/// declaration. A repeat is a counted incident with a non-empty service tag such that
/// another non-excluded incident of any severity with the same tag was declared in the
/// kRepeatWindow before it. Intervals that would be negative (an impact start entered
/// after the mitigation) count as zero.
Metrics compute_metrics(const std::vector<Incident>& incidents,
                        const std::vector<StatusUpdate>& updates,
                        const std::vector<ActionItem>& action_items, const MetricsQuery& query);

}  // namespace firebreak::core
