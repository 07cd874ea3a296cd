#pragma once
// A clock that moves only when a test says so.

#include "firebreak/app/clock.hpp"

namespace firebreak::fakes {

class ManualClock final : public app::AdjustableClock {
  public:
    explicit ManualClock(core::Timestamp start) : now_(start) {}
    core::Timestamp now() const override { return now_; }
    void advance(core::Duration by) override { now_ += by; }
    void set(core::Timestamp t) { now_ = t; }

  private:
    core::Timestamp now_;
};

}  // namespace firebreak::fakes
