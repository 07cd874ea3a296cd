#pragma once
// A clock that moves only when a test says so; read from any thread (a server's stages
// read it where requests are read).

#include <atomic>

#include "firebreak/app/clock.hpp"

namespace firebreak::fakes {

class ManualClock final : public app::AdjustableClock {
  public:
    explicit ManualClock(core::Timestamp start) : now_(start) {}
    core::Timestamp now() const override { return now_.load(); }
    // One writer (the test's thread); any number of readers.
    void advance(core::Duration by) override { now_.store(now_.load() + by); }
    void set(core::Timestamp t) { now_.store(t); }

  private:
    std::atomic<core::Timestamp> now_;
};

}  // namespace firebreak::fakes
