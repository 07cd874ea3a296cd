#include "load_run.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "support/loopback_client.hpp"

namespace firebreak::bench {
namespace {

using Clock = std::chrono::steady_clock;

/// Long enough that only a stuck server trips it; each trip is an error.
constexpr std::chrono::milliseconds kRequestGuard = std::chrono::seconds(10);
constexpr std::chrono::milliseconds kLateness = std::chrono::milliseconds(1);

/// What one connection's thread saw; merged into the LoadResult at the end.
struct ConnectionTally {
    LoadResult result;
    Clock::time_point last_answer{};
};

void run_connection(const LoadPlan& plan, const SlackRequestFactory& requests,
                    Clock::time_point start, std::atomic<std::uint64_t>& next,
                    ConnectionTally& tally) {
    const Clock::time_point end = start + plan.duration;
    const double interval_ns = 1e9 / plan.rate;
    std::optional<http::testing::LoopbackClient> client;
    LoadResult& r = tally.result;
    r.latencies.reserve(1 << 16);
    try {
        client.emplace(plan.port, kRequestGuard);  // connected before the first request is due
    } catch (const std::exception&) {
        // Counted as an error on the first request, which tries again.
    }
    while (true) {
        const std::uint64_t i = next.fetch_add(1, std::memory_order_relaxed);
        Clock::time_point due;
        if (plan.mode == LoadMode::paced) {
            due = start + std::chrono::nanoseconds(
                              static_cast<std::int64_t>(std::llround(i * interval_ns)));
            if (due >= end) return;
            std::this_thread::sleep_until(due);
        } else {
            due = Clock::now();
            if (due >= end) return;
        }
        const Clock::time_point sent_at = Clock::now();
        if (plan.mode == LoadMode::paced && sent_at - due > kLateness) ++r.late;
        const RequestKind kind = plan.pattern[i % plan.pattern.size()];
        ++r.sent;
        try {
            if (!client) client.emplace(plan.port, kRequestGuard);
            http::Response response = client->request(requests.make(kind, i, "load"));
            const Clock::time_point answered = Clock::now();
            tally.last_answer = answered;
            r.latencies.push_back((answered - due).count());
            if (response.result_int() == 200) {
                ++r.acknowledged[static_cast<std::size_t>(kind)];
            } else {
                ++r.errors;
                ++r.error_reasons["HTTP " + std::to_string(response.result_int())];
            }
            if (!response.keep_alive()) client.reset();
        } catch (const std::exception& e) {
            // A refused or broken connection: counted, then a fresh one for the next request.
            tally.last_answer = Clock::now();
            ++r.errors;
            ++r.error_reasons[e.what()];
            client.reset();
        }
    }
}

}  // namespace

std::uint64_t LoadResult::acknowledged_total() const {
    std::uint64_t total = 0;
    for (std::uint64_t n : acknowledged) total += n;
    return total;
}

double LoadResult::percentile_ms(double q) const {
    if (latencies.empty()) return 0;
    auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(latencies.size())));
    rank = std::clamp<std::size_t>(rank, 1, latencies.size());
    return static_cast<double>(latencies[rank - 1]) / 1e6;
}

LoadResult run_load(const LoadPlan& plan, const SlackRequestFactory& requests) {
    std::vector<ConnectionTally> tallies(static_cast<std::size_t>(plan.connections));
    std::atomic<std::uint64_t> next{0};
    // A moment for every thread to start before the first request is due.
    const Clock::time_point start = Clock::now() + std::chrono::milliseconds(50);
    {
        std::vector<std::jthread> threads;
        for (auto& tally : tallies)
            threads.emplace_back(
                [&, t = &tally] { run_connection(plan, requests, start, next, *t); });
    }
    LoadResult total;
    Clock::time_point last = start;
    for (auto& tally : tallies) {
        const LoadResult& r = tally.result;
        total.sent += r.sent;
        for (std::size_t k = 0; k < total.acknowledged.size(); ++k)
            total.acknowledged[k] += r.acknowledged[k];
        total.errors += r.errors;
        for (const auto& [reason, count] : r.error_reasons) total.error_reasons[reason] += count;
        total.late += r.late;
        total.latencies.insert(total.latencies.end(), r.latencies.begin(), r.latencies.end());
        last = std::max(last, tally.last_answer);
    }
    std::sort(total.latencies.begin(), total.latencies.end());
    total.elapsed = last - start;
    return total;
}

}  // namespace firebreak::bench
