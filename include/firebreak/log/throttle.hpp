#pragma once
// A log line that a flood of requests could repeat (a forged signature, a bad token): said
// the first time, then at most once per interval with the count of those left unsaid, so
// an attacker cannot fill the disk. Counting every one is /metrics' job.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>

namespace firebreak::log {

class Throttle {
  public:
    using Clock = std::chrono::steady_clock;

    explicit Throttle(Clock::duration interval = std::chrono::minutes(1)) : interval_(interval) {}

    /// When a line may be written at `now`: the number of lines suppressed since the last
    /// one written (0 the first time). nullopt: stay quiet, and count this one.
    std::optional<std::uint64_t> admit(Clock::time_point now) {
        std::lock_guard lock(mutex_);
        if (written_ && now - last_ < interval_) {
            ++suppressed_;
            return std::nullopt;
        }
        written_ = true;
        last_ = now;
        std::uint64_t suppressed = suppressed_;
        suppressed_ = 0;
        return suppressed;
    }

  private:
    Clock::duration interval_;
    std::mutex mutex_;
    bool written_ = false;
    Clock::time_point last_{};
    std::uint64_t suppressed_ = 0;
};

}  // namespace firebreak::log
