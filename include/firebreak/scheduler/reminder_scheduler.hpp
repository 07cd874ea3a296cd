#pragma once
// One timer, armed for the earliest stored reminder; it hands due reminders to the service.

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>

#include "firebreak/app/clock.hpp"
#include "firebreak/app/incident_service.hpp"

namespace firebreak::scheduler {

/// Runs on `ioc`'s one thread. It may be destroyed with a wait pending or a completion
/// already queued: those then do nothing (see alive_). `service` and `clock` must outlive
/// it. No member throws: a store that refuses is logged and asked again after
/// kRetryAfterFailure.
class ReminderScheduler {
  public:
    /// `after_fire` runs after reminders fired (e.g. to wake the outbox worker).
    ReminderScheduler(boost::asio::io_context& ioc, app::IncidentService& service,
                      const app::Clock& clock, std::function<void()> after_fire = {});
    ReminderScheduler(const ReminderScheduler&) = delete;  // handlers hold its address
    ReminderScheduler& operator=(const ReminderScheduler&) = delete;

    /// Fires what is already due (reminders missed while down fire once each), then arms.
    void start();

    /// Reminders changed (a command committed): re-arm for the new earliest due time.
    void poke();

    /// Cancels the timer; no reminder fires after this.
    void stop();

    /// How long to sleep before the next pass: until `next_due` (at once if past), at
    /// most kLongestSleep, and at least kRetryAfterFailure after a pass in which a
    /// reminder failed, so a failing store is not hammered in a loop. `now` is as precise
    /// as the clock knows it: a reminder due at 10:15:00 fires at 10:15:00, not up to a
    /// second later.
    static std::chrono::milliseconds wait_before_next_pass(
        std::optional<core::Timestamp> next_due, std::chrono::system_clock::time_point now,
        bool had_failures);

    /// The timer sleeps on the steady clock while due times are wall-clock times; waking
    /// at least this often bounds the error if the wall clock jumps.
    static constexpr std::chrono::seconds kLongestSleep{300};
    static constexpr std::chrono::seconds kRetryAfterFailure{30};

  private:
    /// Reads the next due time and waits for it; when the store refuses, logs and waits
    /// kRetryAfterFailure instead.
    void arm(bool had_failures = false);
    void wait_for(std::chrono::milliseconds wait);
    void on_timer(const boost::system::error_code& ec);

    boost::asio::steady_timer timer_;
    app::IncidentService& service_;
    const app::Clock& clock_;
    std::function<void()> after_fire_;
    bool stopped_ = false;
    /// Expires with the scheduler; its handlers check it before touching `this`, since a
    /// completion queued before the destructor still runs after it.
    std::shared_ptr<const bool> alive_ = std::make_shared<const bool>(true);
};

}  // namespace firebreak::scheduler
