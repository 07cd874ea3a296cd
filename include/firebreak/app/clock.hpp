#pragma once
// The clock, behind an interface so tests and the console can move time by hand.

#include <atomic>

#include "firebreak/core/time.hpp"

namespace firebreak::app {

class Clock {
  public:
    virtual ~Clock() = default;
    /// The current time, to the second.
    virtual core::Timestamp now() const = 0;
    /// The current time as finely as the clock knows it, for timers that must wake on the
    /// second rather than up to a second late. By default now().
    virtual std::chrono::system_clock::time_point precise_now() const { return now(); }
};

/// Wall-clock time.
class SystemClock final : public Clock {
  public:
    core::Timestamp now() const override;
    std::chrono::system_clock::time_point precise_now() const override;
};

/// A clock that can be moved forward by hand: the console's `:advance`, and tests.
class AdjustableClock : public Clock {
  public:
    virtual void advance(core::Duration by) = 0;
};

/// Wall-clock time plus an offset that only grows. Read from any thread (HTTP stages check
/// signatures against it where requests are read).
class OffsetClock final : public AdjustableClock {
  public:
    core::Timestamp now() const override;
    std::chrono::system_clock::time_point precise_now() const override {
        return base_.precise_now() + offset();
    }
    void advance(core::Duration by) override { offset_seconds_ += by.count(); }

  private:
    core::Duration offset() const { return core::Duration(offset_seconds_.load()); }

    SystemClock base_;
    std::atomic<core::Duration::rep> offset_seconds_{0};
};

}  // namespace firebreak::app
