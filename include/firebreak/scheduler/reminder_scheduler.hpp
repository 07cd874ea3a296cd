#pragma once
// One timer, armed for the earliest stored reminder; it hands due reminders to the service.

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>

#include "firebreak/app/clock.hpp"
#include "firebreak/app/incident_service.hpp"

namespace firebreak::scheduler {

class ReminderScheduler {
  public:
    /// `after_fire` runs after reminders fired (e.g. to wake the outbox worker).
    ReminderScheduler(boost::asio::io_context& ioc, app::IncidentService& service,
                      const app::Clock& clock, std::function<void()> after_fire = {});

    /// Fires what is already due (reminders missed while down fire once each), then arms.
    void start();

    /// Reminders changed (a command committed): re-arm for the new earliest due time.
    void poke();

    /// Cancels the timer; no reminder fires after this.
    void stop();

  private:
    void arm();
    void on_timer(const boost::system::error_code& ec);

    boost::asio::steady_timer timer_;
    app::IncidentService& service_;
    const app::Clock& clock_;
    std::function<void()> after_fire_;
    bool stopped_ = false;
};

}  // namespace firebreak::scheduler
