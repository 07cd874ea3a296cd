#include "firebreak/core/metrics.hpp"

#include <algorithm>
#include <set>

namespace firebreak::core {
namespace {

bool is_excluded(const Incident& inc) {
    return inc.is_drill || inc.status == Status::canceled;
}

Timestamp impact_start(const Incident& inc) {
    return inc.impact.started_at.value_or(inc.milestones.declared_at);
}

/// Collects `end - start` for the incidents that reached `end`; negative becomes zero.
class IntervalSamples {
  public:
    void add(Timestamp start, const std::optional<Timestamp>& end) {
        if (end) values_.push_back(std::max(Duration{0}, *end - start));
    }
    DurationSummary summary() const {
        DurationSummary s;
        s.count = static_cast<int>(values_.size());
        s.median = nearest_rank_percentile(values_, 50);
        s.p90 = nearest_rank_percentile(values_, 90);
        return s;
    }

  private:
    std::vector<Duration> values_;
};

/// True when another non-excluded incident of the same service was declared within
/// kRepeatWindow before `inc`. Ties in time go to the lower id, so of two incidents
/// declared in the same second only the second is a repeat.
bool is_repeat(const Incident& inc, const std::vector<const Incident*>& history) {
    if (inc.service.empty()) return false;
    const Timestamp at = inc.milestones.declared_at;
    return std::any_of(history.begin(), history.end(), [&](const Incident* other) {
        const Timestamp other_at = other->milestones.declared_at;
        bool earlier = other_at < at || (other_at == at && other->id < inc.id);
        return other->id != inc.id && other->service == inc.service && earlier &&
               other_at >= at - kRepeatWindow;
    });
}

}  // namespace

std::optional<Duration> nearest_rank_percentile(std::vector<Duration> values, int percent) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    std::size_t rank = (static_cast<std::size_t>(percent) * n + 99) / 100;
    rank = std::clamp<std::size_t>(rank, 1, n);
    return values[rank - 1];
}

std::optional<double> Metrics::on_time_share() const {
    if (updates_due == 0) return std::nullopt;
    return static_cast<double>(updates_on_time) / updates_due;
}

std::optional<double> Metrics::repeat_rate() const {
    if (incidents == 0) return std::nullopt;
    return static_cast<double>(repeats) / incidents;
}

Metrics compute_metrics(const std::vector<Incident>& incidents,
                        const std::vector<StatusUpdate>& updates,
                        const std::vector<ActionItem>& action_items, const MetricsQuery& query) {
    Metrics m;
    std::vector<const Incident*> history;  // every non-excluded incident, for repeats
    std::vector<const Incident*> counted;
    for (const Incident& inc : incidents) {
        if (inc.milestones.declared_at < query.since - kRepeatWindow) continue;
        const bool in_window = inc.milestones.declared_at >= query.since &&
                               (!query.severity || inc.severity == *query.severity);
        if (is_excluded(inc)) {
            if (!in_window) continue;
            if (inc.is_drill)
                ++m.excluded_drills;
            else
                ++m.excluded_canceled;
            continue;
        }
        history.push_back(&inc);
        if (in_window) counted.push_back(&inc);
    }

    IntervalSamples acknowledge, mitigate, resolve;
    std::set<std::int64_t> counted_ids;
    for (const Incident* inc : counted) {
        counted_ids.insert(inc->id);
        ++m.by_severity[inc->severity];
        acknowledge.add(inc->milestones.declared_at, inc->milestones.acknowledged_at);
        mitigate.add(impact_start(*inc), inc->milestones.mitigated_at);
        resolve.add(impact_start(*inc), inc->milestones.resolved_at);
        if (is_repeat(*inc, history)) ++m.repeats;
    }
    m.incidents = static_cast<int>(counted.size());
    m.time_to_acknowledge = acknowledge.summary();
    m.time_to_mitigate = mitigate.summary();
    m.time_to_resolve = resolve.summary();

    std::vector<Duration> lateness;
    for (const StatusUpdate& u : updates) {
        if (!u.due_at || !counted_ids.contains(u.incident_id)) continue;
        ++m.updates_due;
        if (u.posted_at <= *u.due_at)
            ++m.updates_on_time;
        else
            lateness.push_back(u.posted_at - *u.due_at);
    }
    m.median_lateness = nearest_rank_percentile(std::move(lateness), 50);

    const Date today = date_of(query.now);
    for (const ActionItem& a : action_items) {
        if (a.state != ActionState::open || !counted_ids.contains(a.incident_id)) continue;
        ++m.open_action_items;
        if (std::chrono::sys_days{a.due} < std::chrono::sys_days{today}) ++m.overdue_action_items;
    }
    return m;
}

}  // namespace firebreak::core
