#pragma once
// Slack's Socket Mode as `firebreak serve` runs it: the connections on the server's
// io_context, envelopes group-committed like HTTP requests, counted in /metrics and
// reported in /readyz.

#include <memory>
#include <random>

#include "firebreak/slack/socket_mode.hpp"
#include "firebreak/slack/socket_mode_transport.hpp"
#include "firebreak/web/health.hpp"
#include "platforms.hpp"

namespace firebreak::cli {

class SlackSocket {
  public:
    /// Starts connecting once the io_context runs. Needs w.ioc and w.batching.
    explicit SlackSocket(const PlatformWiring& w);

    /// Closes the connections (on the io_context's thread).
    void stop_serving();
    /// "slack_socket_mode": ok while at least one connection is open and it has not given
    /// up; the detail says how many are open and since when, or why it stopped.
    web::Check check() const;

  private:
    const app::Clock& clock_;
    std::mt19937_64 random_{std::random_device{}()};
    std::unique_ptr<slack::SocketTimers> timers_;
    slack::SlackSocketTransport transport_;
    std::unique_ptr<slack::SlackSocketMode> mode_;
};

/// The readiness line for `status` (separate for its test).
web::Check socket_mode_check(const slack::SocketModeStatus& status);

}  // namespace firebreak::cli
