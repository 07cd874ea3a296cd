#pragma once
// SlackSocketMode: Slack without a public URL. Holds `connections` WebSockets that Slack
// pushes envelopes into; decodes each with the request URLs' decoders, applies it through
// the same front door, and acknowledges it with its envelope_id only once its commit is
// durable (an unacknowledged envelope is sent again, and deduplicated like an HTTP retry).
// Replaces a connection before closing it when Slack warns, detects dead links with pings,
// reconnects with backoff and jitter, and stops for good on link_disabled or a token Slack
// refuses, saying why. Runs on one io_context: the front door's thread.

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "firebreak/app/clock.hpp"
#include "firebreak/app/front_door.hpp"
#include "firebreak/http/server.hpp"
#include "firebreak/http/websocket.hpp"
#include "firebreak/slack/socket_message.hpp"

namespace firebreak::slack {

/// What apps.connections.open answered.
struct ConnectionGrant {
    std::string url;    ///< the wss:// URL; empty on failure
    std::string error;  ///< Slack's error code, or what went wrong on the way
    std::optional<std::chrono::seconds> retry_after;  ///< ratelimited / HTTP 429
    bool fatal = false;  ///< retrying cannot help (invalid_auth, not_allowed_token_type, …)
};

/// Socket Mode's I/O: asking for a URL, and dialing it.
class SocketModeTransport {
  public:
    virtual ~SocketModeTransport() = default;
    /// Calls apps.connections.open; `done` runs later on the io_context, exactly once.
    virtual void open_connection(std::function<void(ConnectionGrant)> done) = 0;
    /// Connects a WebSocket to `url`; its handlers run on the io_context.
    virtual std::shared_ptr<http::WebSocket> dial(const std::string& url,
                                                  http::WebSocketHandlers handlers) = 0;
};

/// The timers Socket Mode waits on, behind an interface so tests move time by hand.
class SocketTimers {
  public:
    using TimePoint = std::chrono::steady_clock::time_point;
    virtual ~SocketTimers() = default;
    virtual TimePoint now() const = 0;
    /// Runs `fn` on the io_context once `delay` has passed.
    virtual void after(std::chrono::milliseconds delay, std::function<void()> fn) = 0;
    /// Drops every timer not yet run (so a stopping io_context need not wait for them).
    virtual void cancel_all() = 0;
};

/// Real time, on an io_context.
std::unique_ptr<SocketTimers> asio_timers(boost::asio::io_context& ioc);

struct SocketModeSettings {
    int connections = 2;  ///< held open at once (Slack allows ten)
    std::chrono::milliseconds ping_every{10'000};
    /// This long without any frame or pong from Slack (or without hello after connecting)
    /// is a dead link.
    std::chrono::milliseconds dead_after{30'000};
    std::chrono::milliseconds backoff_first{1'000};
    std::chrono::milliseconds backoff_max{60'000};
    std::string timeline_emoji = "pushpin";
};

/// What Socket Mode reports for metrics; every member may be empty.
struct SocketModeObserver {
    /// An envelope arrived: events_api, slash_commands, interactive, or another type.
    std::function<void(const std::string& type)> envelope;
    /// A connection is being replaced: warning, refresh_requested, dropped, dead_link, …
    std::function<void(const std::string& reason)> reconnect;
    /// An envelope was acknowledged this long after it arrived.
    std::function<void(std::chrono::nanoseconds)> acked;
};

/// For /readyz.
struct SocketModeStatus {
    int wanted = 0;
    std::vector<core::Timestamp> open_since;  ///< one per open connection (hello received)
    std::string stopped;                      ///< why it gave up for good; "" while running
};

class SlackSocketMode {
  public:
    /// `batching` groups the envelopes read in one wake-up into one commit (as the HTTP
    /// server's requests are, see web::group_commits); acks go out after its close()
    /// reports the group durable. `front_door` must have platform_profile() registered.
    /// `random` returns values in [0, 1) for the jitter. All must outlive this.
    SlackSocketMode(boost::asio::io_context& ioc, app::FrontDoor& front_door,
                    const app::Clock& clock, SocketModeTransport& transport, SocketTimers& timers,
                    std::function<double()> random, std::optional<http::Batching> batching,
                    SocketModeSettings settings, SocketModeObserver observer = {});
    ~SlackSocketMode();
    SlackSocketMode(const SlackSocketMode&) = delete;
    SlackSocketMode& operator=(const SlackSocketMode&) = delete;

    /// Starts connecting (from the io_context's thread, or before it runs).
    void start();
    /// Closes every connection, stops reconnecting and drops its timers (from the
    /// io_context's thread).
    void shutdown();
    /// Safe from any thread.
    SocketModeStatus status() const;

  private:
    struct Link;
    struct Pending {
        std::uint64_t link;
        SocketEnvelope envelope;
        std::chrono::steady_clock::time_point received;
    };

    void ensure();
    void on_grant(ConnectionGrant grant);
    void failed_attempt(const std::string& why, std::optional<std::chrono::seconds> retry_after);
    void on_text(std::uint64_t id, std::string text);
    void on_hello(Link& link, const SocketHello& hello);
    void on_disconnect(Link& link, const std::string& reason);
    void on_closed(std::uint64_t id, const std::string& why);
    void tick(std::uint64_t id);
    void flush();
    void stop_for_good(std::string why);
    /// Closes every connection: the ones that said hello with a close frame, the rest at once.
    void close_all();
    void publish_status();
    std::chrono::milliseconds backoff();
    /// Runs `fn` later on the io_context unless this is gone by then.
    std::function<void()> guarded(std::function<void()> fn);

    boost::asio::io_context& ioc_;
    app::FrontDoor& front_door_;
    const app::Clock& clock_;
    SocketModeTransport& transport_;
    SocketTimers& timers_;
    std::function<double()> random_;
    std::optional<http::Batching> batching_;
    SocketModeSettings settings_;
    SocketModeObserver observer_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);

    std::map<std::uint64_t, std::unique_ptr<Link>> links_;
    std::uint64_t next_id_ = 1;
    bool attempting_ = false;  ///< a connection is being opened (until its hello)
    bool retry_armed_ = false;
    SocketTimers::TimePoint not_before_{};
    int failures_ = 0;
    bool running_ = false;
    std::string stopped_;
    std::deque<Pending> pending_;
    bool flush_posted_ = false;

    struct Shared;
    std::shared_ptr<Shared> shared_;  ///< the status, for other threads
};

}  // namespace firebreak::slack
