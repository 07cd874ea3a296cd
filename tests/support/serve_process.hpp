#pragma once
// `firebreak serve` as a child process: started with a config and environment, its output
// collected on a thread, stopped with a signal. The binary comes from $FIREBREAK_BINARY.

#include <signal.h>
#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "firebreak/http/message.hpp"

namespace firebreak::testing {

/// A config for `serve`: both listeners on ephemeral loopback ports, SQLite at `database`,
/// and Slack in http mode against the Web API at `slack_api`, its secret and token from
/// $SLACK_SIGNING_SECRET and $SLACK_BOT_TOKEN, announcing in CANNOUNCE. `more` is appended
/// (other top-level sections).
std::string slack_http_config(const std::string& database, const std::string& slack_api,
                              const std::string& more = "");

/// Posts a form-encoded slash command `body` to 127.0.0.1:port/slack/commands, signed with
/// `secret` at the real time (the real binary checks it against the real clock).
http::Response post_signed_command(std::uint16_t port, const std::string& secret,
                                   const std::string& body);

class ServeProcess {
  public:
    /// Starts `$FIREBREAK_BINARY serve --config config_path` with `environment` added, and
    /// waits (up to 30 s) until it logs its listening port. Throws when it does not.
    ServeProcess(const std::string& config_path,
                 const std::vector<std::pair<std::string, std::string>>& environment);
    /// SIGKILLs the process if it still runs.
    ~ServeProcess();
    ServeProcess(const ServeProcess&) = delete;
    ServeProcess& operator=(const ServeProcess&) = delete;

    std::uint16_t port() const { return port_; }
    /// The child's process id while it runs (-1 after stop()).
    pid_t pid() const { return pid_; }
    /// The admin listener's port (health, readiness, metrics), once it has logged it
    /// (waits up to 30 s). Throws when it does not (admin_listen: off).
    std::uint16_t admin_port();

    /// Sends `signal` and waits for the exit; returns the exit status (or 128 + signal).
    /// A child still running after `patience` is killed with SIGKILL and its output
    /// printed: stop() then returns -1, so a shutdown that hangs fails its test, not ctest's
    /// timeout.
    int stop(int signal, std::chrono::seconds patience = std::chrono::seconds(60));

    /// Waits (up to `timeout_ms`) until the output contains `text`. True when it does.
    bool wait_for_output(const std::string& text, int timeout_ms = 30000);
    std::string output() const;

  private:
    pid_t pid_ = -1;
    int out_fd_ = -1;
    std::uint16_t port_ = 0;
    mutable std::mutex mutex_;
    std::condition_variable grew_;
    std::string output_;
    bool closed_ = false;
    std::thread reader_;
};

}  // namespace firebreak::testing
