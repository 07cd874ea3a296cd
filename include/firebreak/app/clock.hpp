#pragma once
// The clock, behind an interface so tests and the console can move time by hand.

#include "firebreak/core/time.hpp"

namespace firebreak::app {

class Clock {
  public:
    virtual ~Clock() = default;
    /// The current time, to the second.
    virtual core::Timestamp now() const = 0;
};

/// Wall-clock time.
class SystemClock final : public Clock {
  public:
    core::Timestamp now() const override;
};

/// Wall-clock time plus an offset that only grows: the console's `:advance`.
class OffsetClock final : public Clock {
  public:
    core::Timestamp now() const override;
    void advance(core::Duration by) { offset_ += by; }

  private:
    SystemClock base_;
    core::Duration offset_{0};
};

}  // namespace firebreak::app
