#include "reminder_lateness.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "firebreak/core/timeline.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::bench {

LatenessSummary summarize(std::vector<double> seconds) {
    LatenessSummary s;
    s.count = seconds.size();
    if (seconds.empty()) return s;
    std::sort(seconds.begin(), seconds.end());
    auto rank = [&](double q) {
        auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(seconds.size())));
        return seconds[std::clamp<std::size_t>(i, 1, seconds.size()) - 1];
    };
    s.p50 = rank(0.5);
    s.p99 = rank(0.99);
    s.max = seconds.back();
    return s;
}

std::vector<double> lateness_from_passes(const std::vector<PlannedNudge>& planned,
                                         const std::vector<ReminderPass>& passes) {
    std::vector<double> out;
    std::size_t next = 0;
    for (const auto& pass : passes) {
        for (int i = 0; i < pass.fired && next < planned.size(); ++i, ++next)
            out.push_back(std::chrono::duration<double>(pass.seen - planned[next].due).count());
    }
    return out;
}

TimelineCheck read_timeline(const std::string& db_path, const std::vector<PlannedNudge>& planned) {
    store::Store store({db_path, "normal"});
    auto tx = store.read();
    TimelineCheck check;
    for (const auto& p : planned) {
        int sent = 0;
        core::Timestamp first{};
        for (const auto& e : tx.timeline(p.incident_id)) {
            if (e.kind != core::EventKind::reminder_sent) continue;
            if (sent++ == 0) first = e.at;
        }
        check.events += sent;
        if (sent == 0) ++check.missing;
        if (sent > 1) ++check.repeated;
        if (sent != 1) continue;
        ++check.exactly_once;
        check.lateness.push_back(std::chrono::duration<double>(first - p.due).count());
    }
    return check;
}

std::string LatenessHistogram::bound_for(double q) const {
    if (count == 0) return "";
    auto wanted = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count)));
    for (const auto& b : buckets)
        if (b.cumulative >= wanted) return b.le;
    return "+Inf";
}

LatenessHistogram parse_lateness_histogram(const std::string& exposition) {
    const std::string bucket = "firebreak_reminder_lateness_seconds_bucket{le=\"";
    const std::string sum = "firebreak_reminder_lateness_seconds_sum ";
    const std::string count = "firebreak_reminder_lateness_seconds_count ";
    LatenessHistogram h;
    std::istringstream lines(exposition);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind(bucket, 0) == 0) {
            std::size_t quote = line.find('"', bucket.size());
            if (quote == std::string::npos) continue;
            h.buckets.push_back({line.substr(bucket.size(), quote - bucket.size()),
                                 std::stoull(line.substr(line.rfind(' ') + 1))});
        } else if (line.rfind(sum, 0) == 0) {
            h.sum = std::stod(line.substr(sum.size()));
        } else if (line.rfind(count, 0) == 0) {
            h.count = std::stoull(line.substr(count.size()));
        }
    }
    return h;
}

}  // namespace firebreak::bench
