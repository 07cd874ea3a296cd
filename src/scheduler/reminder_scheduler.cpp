#include "firebreak/scheduler/reminder_scheduler.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace firebreak::scheduler {
ReminderScheduler::ReminderScheduler(boost::asio::io_context& ioc, app::IncidentService& service,
                                     const app::Clock& clock, std::function<void()> after_fire)
    : timer_(ioc), service_(service), clock_(clock), after_fire_(std::move(after_fire)) {}

void ReminderScheduler::start() {
    stopped_ = false;
    on_timer({});
}

void ReminderScheduler::poke() {
    if (!stopped_) arm();
}

void ReminderScheduler::stop() {
    stopped_ = true;
    timer_.cancel();
}

std::chrono::milliseconds ReminderScheduler::wait_before_next_pass(
    std::optional<core::Timestamp> next_due, std::chrono::system_clock::time_point now,
    bool had_failures) {
    using std::chrono::milliseconds;
    milliseconds wait = kLongestSleep;
    if (next_due) {
        // In whole seconds first: a due time years away (an action item due in 9999) is
        // out of range in the clock's nanoseconds, and a wait that overflowed to a negative
        // number would re-arm the timer at once, forever.
        auto whole = *next_due - std::chrono::floor<std::chrono::seconds>(now);
        if (whole > std::chrono::duration_cast<std::chrono::seconds>(kLongestSleep))
            wait = kLongestSleep;
        else if (whole < std::chrono::seconds{0})
            wait = milliseconds{0};
        else
            wait = std::clamp(std::chrono::ceil<milliseconds>(*next_due - now), milliseconds{0},
                              milliseconds{kLongestSleep});
    }
    if (had_failures) wait = std::max<milliseconds>(wait, kRetryAfterFailure);
    return wait;
}

void ReminderScheduler::arm(bool had_failures) {
    std::optional<core::Timestamp> next_due;
    try {
        next_due = service_.next_reminder_due();
    } catch (const std::exception& e) {
        // Locked past the busy timeout, or worse: try again later, not in a loop.
        spdlog::error("reminder scheduler: cannot read the next due time ({}); retrying in {}s",
                      e.what(), kRetryAfterFailure.count());
        wait_for(kRetryAfterFailure);
        return;
    }
    wait_for(wait_before_next_pass(next_due, clock_.precise_now(), had_failures));
}

void ReminderScheduler::wait_for(std::chrono::milliseconds wait) {
    timer_.expires_after(wait);
    timer_.async_wait([this, alive = std::weak_ptr(alive_)](const boost::system::error_code& ec) {
        if (alive.expired()) return;  // destroyed after this completion was queued
        on_timer(ec);
    });
}

void ReminderScheduler::on_timer(const boost::system::error_code& ec) {
    // operation_aborted: re-armed by poke() or stopped; the new wait (if any) is pending.
    if (ec == boost::asio::error::operation_aborted || stopped_) return;
    bool had_failures = false;
    try {
        auto report = service_.fire_due_reminders();
        had_failures = report.failed > 0;
        if (report.fired > 0) {
            spdlog::info("fired {} reminder(s)", report.fired);
            if (after_fire_) after_fire_();
        }
    } catch (const std::exception& e) {
        had_failures = true;
        spdlog::error("reminder scheduler: {}", e.what());
    }
    arm(had_failures);
}

}  // namespace firebreak::scheduler
