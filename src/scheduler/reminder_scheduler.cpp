#include "firebreak/scheduler/reminder_scheduler.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace firebreak::scheduler {
namespace {

// The timer sleeps on the steady clock while due times are wall-clock times; waking at
// least this often bounds the error if the wall clock jumps (NTP step, suspend).
constexpr std::chrono::seconds kLongestSleep{300};

}  // namespace

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

void ReminderScheduler::arm() {
    auto due = service_.next_reminder_due();
    auto wait = kLongestSleep;
    if (due) wait = std::clamp(*due - clock_.now(), std::chrono::seconds{0}, kLongestSleep);
    timer_.expires_after(wait);
    timer_.async_wait([this](const boost::system::error_code& ec) { on_timer(ec); });
}

void ReminderScheduler::on_timer(const boost::system::error_code& ec) {
    // operation_aborted: re-armed by poke() or stopped; the new wait (if any) is pending.
    if (ec == boost::asio::error::operation_aborted || stopped_) return;
    try {
        int fired = service_.fire_due_reminders();
        if (fired > 0) {
            spdlog::info("fired {} reminder(s)", fired);
            if (after_fire_) after_fire_();
        }
    } catch (const std::exception& e) {
        spdlog::error("reminder scheduler: {}", e.what());
    }
    arm();
}

}  // namespace firebreak::scheduler
