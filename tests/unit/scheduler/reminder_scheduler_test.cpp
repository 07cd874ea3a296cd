#include "firebreak/scheduler/reminder_scheduler.hpp"

#include <catch2/catch.hpp>

using firebreak::core::Timestamp;
using firebreak::scheduler::ReminderScheduler;
using namespace std::chrono_literals;

namespace {
Timestamp t0() {
    return Timestamp{std::chrono::seconds{1'795'341'600}};
}
}  // namespace

TEST_CASE("the scheduler sleeps until the earliest due reminder") {
    CHECK(ReminderScheduler::wait_before_next_pass(t0() + 42s, t0(), false) == 42s);
}

TEST_CASE("a reminder already due runs at once") {
    CHECK(ReminderScheduler::wait_before_next_pass(t0() - 1h, t0(), false) == 0s);
}

TEST_CASE("the scheduler wakes at least every five minutes, with or without reminders") {
    CHECK(ReminderScheduler::wait_before_next_pass(std::nullopt, t0(), false) == 300s);
    CHECK(ReminderScheduler::wait_before_next_pass(t0() + 2h, t0(), false) == 300s);
}

TEST_CASE("after a failed pass the scheduler backs off instead of spinning") {
    CHECK(ReminderScheduler::wait_before_next_pass(t0() - 1h, t0(), true) == 30s);
    CHECK(ReminderScheduler::wait_before_next_pass(t0() + 2min, t0(), true) == 2min);
}

TEST_CASE("the scheduler wakes on the due second, not up to a second after it") {
    // 10:00:00.400 now, due 10:00:01: 600 ms, where whole seconds would say 1 s.
    auto now = std::chrono::system_clock::time_point(t0()) + std::chrono::milliseconds(400);
    CHECK(ReminderScheduler::wait_before_next_pass(t0() + 1s, now, false) ==
          std::chrono::milliseconds(600));
}

TEST_CASE("a due time years away waits the longest sleep, never a negative one") {
    // 9999-12-31: in nanoseconds from now it is past what the clock's type holds.
    const Timestamp far{std::chrono::sys_days{std::chrono::year{9999} / 12 / 31}};
    CHECK(ReminderScheduler::wait_before_next_pass(far, t0(), false) == 300s);
    const Timestamp long_ago{std::chrono::sys_days{std::chrono::year{-9999} / 1 / 1}};
    CHECK(ReminderScheduler::wait_before_next_pass(long_ago, t0(), false) == 0s);
}
