#include "firebreak/core/metrics.hpp"

#include "core_test_support.hpp"

using namespace firebreak::core;
using firebreak::core::testing::t0;
using namespace std::chrono_literals;

namespace {

/// The report window starts at t0 and is read 10 days later.
MetricsQuery query(std::optional<std::string> severity = std::nullopt) {
    MetricsQuery q;
    q.since = t0();
    q.now = t0() + std::chrono::days{10};
    q.severity = std::move(severity);
    return q;
}

Incident incident(std::int64_t id, const std::string& severity, const std::string& service,
                  Timestamp declared) {
    Incident inc;
    inc.id = id;
    inc.name = "inc-" + std::to_string(id);
    inc.severity = severity;
    inc.service = service;
    inc.status = Status::investigating;
    inc.milestones.declared_at = declared;
    return inc;
}

StatusUpdate update(std::int64_t incident_id, std::optional<Timestamp> due, Timestamp posted) {
    StatusUpdate u;
    u.incident_id = incident_id;
    u.due_at = due;
    u.posted_at = posted;
    return u;
}

ActionItem action(std::int64_t incident_id, Timestamp due, ActionState state) {
    ActionItem a;
    a.incident_id = incident_id;
    a.due = date_of(due);
    a.state = state;
    return a;
}

/// The fixed data set. Days are counted from t0 (the start of the window).
///   id  sev   service   declared  impact   ack   mitigated  resolved   notes
///   1   sev1  payments  d1        -10m     +2m   +30m       +90m
///   2   sev2  payments  d3        -        +5m   +20m       +60m       repeat of 1
///   3   sev2  search    d4        -        +1m   +45m       -          repeat of 9
///   4   sev3  (none)    d5        -        +10m  -          -
///   5   sev1  search    d6        -5m      +3m   +15m       +30m       repeat of 3
///   6   sev1  checkout  d6        -        +1m   -          -          drill
///   7   sev4  checkout  d7        -        +4m   -          +20m       not a repeat of 6
///   8   sev2  payments  d2        -        -     -          -          canceled
///   9   sev2  search    d-10      -        +1m   -          -          before the window
///   10  sev1  payments  d-40      -        +1m   -          -          beyond repeat history
std::vector<Incident> incidents() {
    auto day = [](int n) { return t0() + std::chrono::days{n}; };
    std::vector<Incident> out;
    auto add = [&](Incident inc, std::optional<Duration> impact_before, std::optional<Duration> ack,
                   std::optional<Duration> mitigated, std::optional<Duration> resolved) {
        const Timestamp at = inc.milestones.declared_at;
        if (impact_before) inc.impact.started_at = at - *impact_before;
        if (ack) inc.milestones.acknowledged_at = at + *ack;
        if (mitigated) inc.milestones.mitigated_at = at + *mitigated;
        if (resolved) inc.milestones.resolved_at = at + *resolved;
        out.push_back(std::move(inc));
    };
    add(incident(1, "sev1", "payments", day(1)), 10min, 2min, 30min, 90min);
    add(incident(2, "sev2", "payments", day(3)), {}, 5min, 20min, 60min);
    add(incident(3, "sev2", "search", day(4)), {}, 1min, 45min, {});
    add(incident(4, "sev3", "", day(5)), {}, 10min, {}, {});
    add(incident(5, "sev1", "search", day(6)), 5min, 3min, 15min, 30min);
    Incident drill = incident(6, "sev1", "checkout", day(6));
    drill.is_drill = true;
    add(drill, {}, 1min, {}, {});
    add(incident(7, "sev4", "checkout", day(7)), {}, 4min, {}, 20min);
    Incident canceled = incident(8, "sev2", "payments", day(2));
    canceled.status = Status::canceled;
    canceled.milestones.canceled_at = day(2) + 5min;
    add(canceled, {}, {}, {}, {});
    add(incident(9, "sev2", "search", day(-10)), {}, 1min, {}, {});
    add(incident(10, "sev1", "payments", day(-40)), {}, 1min, {}, {});
    return out;
}

/// On time: two of incident 1's. Late: 7m (1), 3m (2), 20m (3), 5m (5). Ignored: one
/// without a due time (2), the drill's (6) and one before the window (9).
std::vector<StatusUpdate> updates() {
    const Timestamp d1 = t0() + std::chrono::days{1};
    const Timestamp d3 = t0() + std::chrono::days{3};
    const Timestamp d4 = t0() + std::chrono::days{4};
    const Timestamp d6 = t0() + std::chrono::days{6};
    const Timestamp before = t0() - std::chrono::days{10};
    return {
        update(1, d1 + 15min, d1 + 14min),      update(1, d1 + 30min, d1 + 30min),
        update(1, d1 + 45min, d1 + 52min),      update(2, std::nullopt, d3 + 10min),
        update(2, d3 + 30min, d3 + 33min),      update(3, d4 + 30min, d4 + 50min),
        update(5, d6 + 15min, d6 + 20min),      update(6, d6 + 15min, d6 + 115min),
        update(9, before + 15min, before + 2h),
    };
}

/// "Today" is t0 + 10 days. Open: 3 of counted incidents, one of them due yesterday.
std::vector<ActionItem> action_items() {
    const Timestamp today = t0() + std::chrono::days{10};
    return {
        action(1, today - std::chrono::days{1}, ActionState::open),   // overdue
        action(1, today, ActionState::open),                          // due today: not overdue
        action(2, today - std::chrono::days{5}, ActionState::done),   // done
        action(3, today + std::chrono::days{10}, ActionState::open),  // open
        action(6, today - std::chrono::days{5}, ActionState::open),   // drill
        action(9, today - std::chrono::days{5}, ActionState::open),   // outside the window
    };
}

}  // namespace

TEST_CASE("nearest-rank percentiles pick a sample at rank ceil(p * n / 100)") {
    std::vector<Duration> ten;
    for (int i = 10; i >= 1; --i) ten.push_back(Duration{i});
    CHECK(nearest_rank_percentile(ten, 50) == Duration{5});  // rank 5
    CHECK(nearest_rank_percentile(ten, 90) == Duration{9});  // rank 9
    CHECK(nearest_rank_percentile(ten, 100) == Duration{10});
    CHECK(nearest_rank_percentile({Duration{7}}, 90) == Duration{7});
    CHECK(nearest_rank_percentile({Duration{1}, Duration{2}}, 50) == Duration{1});  // lower
    CHECK_FALSE(nearest_rank_percentile({}, 50));
}

TEST_CASE("drills and canceled incidents are excluded and counted as excluded") {
    Metrics m = compute_metrics(incidents(), updates(), action_items(), query());
    CHECK(m.incidents == 6);  // 1, 2, 3, 4, 5, 7
    CHECK(m.excluded_drills == 1);
    CHECK(m.excluded_canceled == 1);
    CHECK(m.by_severity ==
          std::map<std::string, int>{{"sev1", 2}, {"sev2", 2}, {"sev3", 1}, {"sev4", 1}});
}

TEST_CASE("MTTA, MTTM and MTTR are medians and p90s over incidents with the milestone") {
    Metrics m = compute_metrics(incidents(), updates(), action_items(), query());
    // MTTA, declared -> acknowledged: 2, 5, 1, 10, 3, 4 -> sorted 1 2 3 4 5 10.
    // n = 6: median rank ceil(3) = 3 -> 3m; p90 rank ceil(5.4) = 6 -> 10m.
    CHECK(m.time_to_acknowledge.count == 6);
    CHECK(m.time_to_acknowledge.median == 3min);
    CHECK(m.time_to_acknowledge.p90 == 10min);
    // MTTM, impact start -> mitigated: 1: 10+30 = 40, 2: 20, 3: 45, 5: 5+15 = 20
    // -> sorted 20 20 40 45; median rank 2 -> 20m; p90 rank ceil(3.6) = 4 -> 45m.
    CHECK(m.time_to_mitigate.count == 4);
    CHECK(m.time_to_mitigate.median == 20min);
    CHECK(m.time_to_mitigate.p90 == 45min);
    // MTTR, impact start -> resolved: 1: 10+90 = 100, 2: 60, 5: 5+30 = 35, 7: 20
    // -> sorted 20 35 60 100; median rank 2 -> 35m; p90 rank 4 -> 100m.
    CHECK(m.time_to_resolve.count == 4);
    CHECK(m.time_to_resolve.median == 35min);
    CHECK(m.time_to_resolve.p90 == 100min);
}

TEST_CASE("cadence adherence counts updates posted by their due time") {
    Metrics m = compute_metrics(incidents(), updates(), action_items(), query());
    // Due: 3 of incident 1, 1 each of 2, 3 and 5. On time: 2 (one exactly at its due time).
    CHECK(m.updates_due == 6);
    CHECK(m.updates_on_time == 2);
    CHECK(m.on_time_share() == Approx(1.0 / 3));
    // Late: 7, 3, 20, 5 -> sorted 3 5 7 20; median rank 2 -> 5m.
    CHECK(m.median_lateness == 5min);
}

TEST_CASE("a repeat is a service with another incident in the 30 days before") {
    Metrics m = compute_metrics(incidents(), updates(), action_items(), query());
    // 2 (after 1), 3 (after 9, declared before the window), 5 (after 3). Not 1 (10 is 41
    // days earlier), not 4 (no service), not 7 (the earlier checkout incident is a drill).
    CHECK(m.repeats == 3);
    CHECK(m.repeat_rate() == Approx(0.5));
}

TEST_CASE("open action items of counted incidents, overdue when due before today") {
    Metrics m = compute_metrics(incidents(), updates(), action_items(), query());
    CHECK(m.open_action_items == 3);
    CHECK(m.overdue_action_items == 1);
}

TEST_CASE("a severity filter narrows the report but not the repeat history") {
    Metrics m = compute_metrics(incidents(), updates(), action_items(), query("sev1"));
    CHECK(m.incidents == 2);  // 1 and 5
    CHECK(m.excluded_drills == 1);
    CHECK(m.excluded_canceled == 0);
    CHECK(m.repeats == 1);  // 5, after the SEV2 incident 3
    // MTTR: 100, 35 -> median rank 1 -> 35m, p90 rank 2 -> 100m.
    CHECK(m.time_to_resolve.median == 35min);
    CHECK(m.time_to_resolve.p90 == 100min);
    CHECK(m.updates_due == 4);
    CHECK(m.open_action_items == 2);
}

TEST_CASE("an empty report has counts of zero and no medians") {
    Metrics m = compute_metrics({}, {}, {}, query());
    CHECK(m.incidents == 0);
    CHECK_FALSE(m.time_to_resolve.median);
    CHECK_FALSE(m.on_time_share());
    CHECK_FALSE(m.repeat_rate());
    CHECK_FALSE(m.median_lateness);
}

TEST_CASE("an impact start entered after the mitigation counts as zero, not negative") {
    Incident inc = incident(1, "sev2", "", t0() + 1h);
    inc.impact.started_at = t0() + 3h;
    inc.milestones.mitigated_at = t0() + 2h;
    Metrics m = compute_metrics({inc}, {}, {}, query());
    CHECK(m.time_to_mitigate.median == 0s);
}
