#pragma once
// Sends the request mix to `firebreak serve` over N keep-alive connections, one blocking
// client thread per connection, and records every request's latency.

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "slack_requests.hpp"

namespace firebreak::bench {

enum class LoadMode {
    /// Open loop: request i is due at start + i / rate, whether or not earlier ones have
    /// been answered; its latency counts from that due time (no coordinated omission).
    paced,
    /// Closed loop: each connection sends its next request as soon as the last is answered.
    max,
};

struct LoadPlan {
    std::uint16_t port = 0;
    LoadMode mode = LoadMode::paced;
    double rate = 500;  ///< requests per second (paced)
    std::chrono::nanoseconds duration = std::chrono::seconds(20);
    int connections = 8;
    /// Request i has kind pattern[i % size]: the --mix weights, shuffled.
    std::vector<RequestKind> pattern;
};

struct LoadResult {
    std::uint64_t sent = 0;
    std::array<std::uint64_t, kAllKinds.size()> acknowledged{};  ///< 200s, by RequestKind
    std::uint64_t errors = 0;  ///< another status, or a connection that failed
    std::map<std::string, std::uint64_t> error_reasons;
    /// Latency of every answered request (errors included), sorted, in nanoseconds.
    std::vector<std::int64_t> latencies;
    /// Paced mode: requests sent more than 1 ms after their due time (the generator or its
    /// connections could not keep up; their latency still counts from the due time).
    std::uint64_t late = 0;
    std::chrono::nanoseconds elapsed{};  ///< first due time to the last answer

    std::uint64_t acknowledged_total() const;
    /// The q-quantile (0 < q <= 1) of `latencies` in milliseconds; 0 when there are none.
    double percentile_ms(double q) const;
};

/// Runs `plan` against the server; every request comes from `requests` with tag "load".
LoadResult run_load(const LoadPlan& plan, const SlackRequestFactory& requests);

}  // namespace firebreak::bench
