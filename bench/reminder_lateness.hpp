#pragma once
// How late the update nudges fired, from three sources: the end of each reminder pass seen
// from outside (sub-second), the timeline in the database (whole seconds) and serve's
// firebreak_reminder_lateness_seconds histogram (whole seconds, in buckets).

#include <cstdint>
#include <string>
#include <vector>

#include "reminder_fixture.hpp"
#include "reminder_sampler.hpp"

namespace firebreak::bench {

struct LatenessSummary {
    std::size_t count = 0;
    double p50 = 0;
    double p99 = 0;
    double max = 0;
};

/// Nearest-rank percentiles of `seconds`; all zero when it is empty.
LatenessSummary summarize(std::vector<double> seconds);

/// A pass fires every due nudge earliest first, so the n nudges of the k-th pass are the next
/// n of `planned` (earliest first). Each one's lateness is its pass's end time minus its due
/// time: an upper bound, larger than the truth by at most the pass's own length and the
/// polling delay. Nudges the passes did not reach are left out.
std::vector<double> lateness_from_passes(const std::vector<PlannedNudge>& planned,
                                         const std::vector<ReminderPass>& passes);

/// What the timeline says after serve stopped: the reminder_sent events of each planned
/// incident. A nudge that fired exactly once contributes its lateness (`at` − due, whole
/// seconds: both are stored to the second).
struct TimelineCheck {
    std::int64_t events = 0;  ///< reminder_sent events of the planned incidents
    int exactly_once = 0;
    int missing = 0;
    int repeated = 0;
    std::vector<double> lateness;
};

TimelineCheck read_timeline(const std::string& db_path, const std::vector<PlannedNudge>& planned);

/// firebreak_reminder_lateness_seconds as scraped from GET /metrics.
struct LatenessHistogram {
    struct Bucket {
        std::string le;
        std::uint64_t cumulative = 0;
    };
    std::vector<Bucket> buckets;
    std::uint64_t count = 0;
    double sum = 0;

    /// The upper bound ("le") of the bucket holding quantile `q`; "" when empty.
    std::string bound_for(double q) const;
};

/// Reads the histogram out of a Prometheus text exposition; empty when it is absent.
LatenessHistogram parse_lateness_histogram(const std::string& exposition);

}  // namespace firebreak::bench
