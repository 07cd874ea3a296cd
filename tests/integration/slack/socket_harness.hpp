#pragma once
// The Slack adapter over Socket Mode, in one process: SlackHarness's store, service, front
// door and outbox worker against the fake Web API, with SlackSocketMode on an io_context
// thread of its own, connected to the fake Socket Mode server, on manual timers.

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <thread>

#include "fakes/fake_socket_mode.hpp"
#include "fakes/manual_socket_timers.hpp"
#include "firebreak/slack/socket_mode.hpp"
#include "firebreak/slack/socket_mode_transport.hpp"
#include "slack_harness.hpp"

namespace firebreak::slack::testing {

struct SocketHarness : SlackHarness {
    fakes::FakeSocketMode socket;
    boost::asio::io_context ioc;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{
        ioc.get_executor()};
    fakes::ManualSocketTimers timers{ioc};
    SlackSocketTransport transport{ioc, fake.base_url(), "xapp-test-token"};
    std::unique_ptr<SlackSocketMode> mode;
    std::promise<void> io_done;
    /// Ready once ioc.run() has returned: after `work` is reset, once nothing is pending.
    std::future<void> io_finished = io_done.get_future();
    std::thread io;

    mutable std::mutex mutex;
    std::map<std::string, int> envelopes;   // guarded by mutex
    std::map<std::string, int> reconnects;  // guarded by mutex
    int acked = 0;                          // guarded by mutex

    explicit SocketHarness(SocketModeSettings settings = {});
    ~SocketHarness();

    /// Starts Socket Mode; with `wait`, until `settings.connections` are open.
    void start(bool wait = true);
    /// Runs `fn` on Socket Mode's thread and waits for it.
    void on_io(std::function<void()> fn);
    int reconnects_for(const std::string& reason) const;
    /// Checks `done` on Socket Mode's thread until it holds or `timeout` passes (real time,
    /// a bound on a wait for I/O, not a measure of anything).
    bool wait_until(std::function<bool()> done,
                    std::chrono::milliseconds timeout = std::chrono::seconds(10));
    /// Calls of apps.connections.open so far.
    std::size_t opens() const { return fake.calls("apps.connections.open").size(); }

    /// An envelope on the oldest open connection, and its ack.
    fakes::SocketAck envelope(const std::string& type, const nlohmann::json& payload,
                              bool accepts_response_payload);
    fakes::SocketAck command(const std::string& user, const std::string& channel,
                             const std::string& text, const std::string& trigger = "");
    fakes::SocketAck action(const std::string& user, const std::string& channel,
                            const nlohmann::json& action_json, const std::string& trigger = "T1");
    fakes::SocketAck submit(const std::string& user, const nlohmann::json& view);
    fakes::SocketAck event(const nlohmann::json& event, const std::string& event_id);

    /// The payload each kind of envelope carries, as Slack sends it.
    static nlohmann::json command_payload(const std::string& user, const std::string& channel,
                                          const std::string& text, const std::string& trigger);
};

}  // namespace firebreak::slack::testing
