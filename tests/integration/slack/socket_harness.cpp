#include "socket_harness.hpp"

#include <future>

#include "firebreak/web/group_commit.hpp"

namespace firebreak::slack::testing {

SocketHarness::SocketHarness(SocketModeSettings settings) {
    fake.serve_socket_mode([this] { return socket.next_url(); });
    SocketModeObserver observer;
    observer.envelope = [this](const std::string& type) {
        std::lock_guard lock(mutex);
        ++envelopes[type];
    };
    observer.reconnect = [this](const std::string& reason) {
        std::lock_guard lock(mutex);
        ++reconnects[reason];
    };
    observer.acked = [this](std::chrono::nanoseconds) {
        std::lock_guard lock(mutex);
        ++acked;
    };
    // Wired as `firebreak serve` wires it: envelopes read together commit together.
    mode = std::make_unique<SlackSocketMode>(
        ioc, front_door, clock, transport, timers, [] { return 0.5; }, web::group_commits(store),
        std::move(settings), std::move(observer));
    io = std::thread([this] {
        ioc.run();
        io_done.set_value();
    });
}

SocketHarness::~SocketHarness() {
    // A test may have shut it down and let the io_context run dry already.
    if (io_finished.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        on_io([this] { mode->shutdown(); });
    work.reset();
    ioc.stop();
    io.join();
    mode.reset();
}

void SocketHarness::start(bool wait) {
    on_io([this] { mode->start(); });
    if (!wait) return;
    REQUIRE(socket.wait_for_open(2));
    // ...and both hellos read on our side.
    REQUIRE(wait_until([this] { return mode->status().open_since.size() == 2; }));
}

void SocketHarness::on_io(std::function<void()> fn) {
    std::promise<void> done;
    boost::asio::post(ioc, [&] {
        fn();
        done.set_value();
    });
    done.get_future().wait();
}

bool SocketHarness::wait_until(std::function<bool()> done, std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
        bool held = false;
        on_io([&] { held = done(); });
        if (held) return true;
        std::this_thread::yield();
    }
    return false;
}

int SocketHarness::reconnects_for(const std::string& reason) const {
    std::lock_guard lock(mutex);
    auto it = reconnects.find(reason);
    return it == reconnects.end() ? 0 : it->second;
}

fakes::SocketAck SocketHarness::envelope(const std::string& type, const nlohmann::json& payload,
                                         bool accepts_response_payload) {
    auto open = socket.open_connections();
    REQUIRE_FALSE(open.empty());
    std::string id = socket.send_envelope(open.front(), type, payload, accepts_response_payload);
    auto ack = socket.wait_for_ack(id);
    REQUIRE(ack);
    return *ack;
}

nlohmann::json SocketHarness::command_payload(const std::string& user, const std::string& channel,
                                              const std::string& text, const std::string& trigger) {
    return {{"token", "legacy-verification-token"},
            {"team_id", "T1"},
            {"team_domain", "example"},
            {"channel_id", channel},
            {"user_id", user},
            {"command", "/incident"},
            {"text", text},
            {"api_app_id", "A1"},
            {"is_enterprise_install", "false"},
            {"response_url", "https://hooks.slack.com/commands/T1/1/x"},
            {"trigger_id", trigger}};
}

fakes::SocketAck SocketHarness::command(const std::string& user, const std::string& channel,
                                        const std::string& text, const std::string& trigger) {
    return envelope("slash_commands", command_payload(user, channel, text, trigger), true);
}

fakes::SocketAck SocketHarness::action(const std::string& user, const std::string& channel,
                                       const nlohmann::json& action_json,
                                       const std::string& trigger) {
    nlohmann::json payload{{"type", "block_actions"},
                           {"user", {{"id", user}}},
                           {"team", {{"id", "T1"}}},
                           {"trigger_id", trigger},
                           {"channel", {{"id", channel}}},
                           {"container", {{"type", "message"}, {"channel_id", channel}}},
                           {"actions", nlohmann::json::array({action_json})}};
    return envelope("interactive", payload, false);
}

fakes::SocketAck SocketHarness::submit(const std::string& user, const nlohmann::json& view) {
    nlohmann::json payload{{"type", "view_submission"}, {"user", {{"id", user}}}, {"view", view}};
    return envelope("interactive", payload, true);
}

fakes::SocketAck SocketHarness::event(const nlohmann::json& event, const std::string& event_id) {
    nlohmann::json body{
        {"type", "event_callback"}, {"team_id", "T1"},
        {"api_app_id", "A1"},       {"event", event},
        {"event_id", event_id},     {"event_time", clock.now().time_since_epoch().count()}};
    return envelope("events_api", body, false);
}

}  // namespace firebreak::slack::testing
