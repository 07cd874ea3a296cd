// Socket Mode's connections: replaced before closed, redelivery deduplicated, dead links,
// backoff, Retry-After, and the refusals that stop it for good.
#include <future>
#include <set>

#include "socket_harness.hpp"

using namespace firebreak;
using namespace firebreak::slack::testing;
using fakes::SlackAnswer;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

/// Declares an incident and returns its channel.
std::string declared(SocketHarness& h) {
    h.command("U1", "CGENERAL", "declare Checkout errors sev2");
    h.settle();
    return h.incident_channel();
}

}  // namespace

TEST_CASE_METHOD(SocketHarness,
                 "a disconnect warning mid-burst: every envelope acked once, applied once, never "
                 "without a connection") {
    start();
    const std::string channel = declared(*this);
    socket.reset_fewest();
    const auto first = socket.open_connections();
    REQUIRE(first.size() == 2);
    std::vector<std::string> ids;
    for (int n = 0; n < 200; ++n) {
        if (n == 70) socket.disconnect(first[0], "warning");
        if (n == 140) socket.disconnect(first[1], "refresh_requested");
        auto open = socket.open_connections();
        REQUIRE_FALSE(open.empty());
        ids.push_back(
            socket.send_envelope(open[static_cast<std::size_t>(n) % open.size()], "slash_commands",
                                 command_payload("U1", channel, "note burst " + std::to_string(n),
                                                 "TRIG-B" + std::to_string(n)),
                                 true));
    }
    REQUIRE(wait_until([&] { return socket.unacknowledged() == 0; }));
    // Both warned connections were replaced, and closed by us once their replacement was up.
    REQUIRE(socket.wait_for_closed(first[0]));
    REQUIRE(socket.wait_for_closed(first[1]));
    CHECK(socket.open_connections().size() == 2);
    CHECK(socket.fewest_open() >= 2);
    CHECK(reconnects_for("warning") == 1);
    CHECK(reconnects_for("refresh_requested") == 1);

    std::map<std::string, int> acks_per_envelope;
    for (const auto& ack : socket.acks()) ++acks_per_envelope[ack.envelope_id];
    for (const auto& id : ids) {
        INFO(id);
        CHECK(acks_per_envelope[id] == 1);
    }
    CHECK(count("SELECT COUNT(*) FROM timeline_events WHERE kind = 'note'") == 200);
    CHECK(count("SELECT COUNT(DISTINCT text) FROM timeline_events WHERE kind = 'note'") == 200);
}

TEST_CASE_METHOD(SocketHarness,
                 "an envelope re-sent on the other connection after a drop has one effect") {
    start();
    const std::string channel = declared(*this);
    const auto open = socket.open_connections();
    // The ack is written, but the connection goes before Slack reads it.
    socket.lose_acks(true);
    const std::string id =
        socket.send_envelope(open[0], "slash_commands",
                             command_payload("U1", channel, "note only once", "TRIG-D1"), true);
    REQUIRE(socket.wait_for_ack(id));
    socket.lose_acks(false);
    socket.drop(open[0]);
    // Redelivered on the other connection (retry_attempt 1): deduplicated, acknowledged.
    REQUIRE(wait_until([&] { return socket.unacknowledged() == 0; }));
    auto acks = socket.acks();
    std::vector<int> on;
    for (const auto& a : acks)
        if (a.envelope_id == id) on.push_back(a.connection);
    CHECK(on == std::vector<int>{open[0], open[1]});
    CHECK(count("SELECT COUNT(*) FROM timeline_events WHERE kind = 'note'") == 1);
    // The lost connection is replaced at once.
    CHECK(socket.wait_for_open(2));
    CHECK(reconnects_for("dropped") == 1);
}

TEST_CASE_METHOD(SocketHarness,
                 "shutdown closes the open connections, drops one still waiting for its hello, "
                 "and leaves nothing pending") {
    start();
    const auto open = socket.open_connections();
    REQUIRE(open.size() == 2);
    // Slack asks to replace the first; the replacement is upgraded but hears no hello.
    socket.hold_hellos();
    socket.disconnect(open[0], "warning");
    REQUIRE(socket.wait_for_held(1));
    const int waiting = socket.held_connections().front();
    on_io([this] { mode->shutdown(); });
    REQUIRE(socket.wait_for_closed(open[0]));
    REQUIRE(socket.wait_for_closed(open[1]));
    REQUIRE(socket.wait_for_closed(waiting));
    CHECK(socket.ended_with_close_frame(open[1]) == true);
    CHECK(socket.ended_with_close_frame(waiting) == false);
    // Nothing is left on the io_context: without the work guard, run() returns.
    work.reset();
    CHECK(io_finished.wait_for(30s) == std::future_status::ready);
}

TEST_CASE_METHOD(SocketHarness, "a link that goes silent for 30 s is dropped and replaced") {
    start();
    const auto open = socket.open_connections();
    timers.advance(10s);
    REQUIRE(wait_until([&] { return socket.pings() >= 2; }));  // each connection pings
    socket.stall(open[0]);
    // Connection 2 answers its pings; connection 1 stays silent from here on. Its last
    // pong was heard at 10 s on the manual clock, or a step later if it was still on the
    // wire when the clock moved: dead once 30 s have passed since, never before.
    int steps = 0;
    while (reconnects_for("dead_link") == 0 && steps < 8) {
        timers.advance(10s);
        ++steps;
        on_io([] {});  // the ticks that fell due have run
        // Connection 2 is heard at this step too, however slow the loopback is today.
        if (reconnects_for("dead_link") == 0)
            REQUIRE(socket.wait_for_ack(socket.send_envelope(open[1], "probe", json::object())));
        if (steps < 3) CHECK(mode->status().open_since.size() == 2);
    }
    CHECK(steps >= 3);  // at 40 s at the earliest
    CHECK(steps <= 4);
    CHECK(reconnects_for("dead_link") == 1);
    // Replaced: a third connection (the stalled one never hears of its end).
    REQUIRE(wait_until([&] { return mode->status().open_since.size() == 2 && opens() == 3; }));
    CHECK(socket.accepted() == 3);
    CHECK(reconnects_for("dead_link") == 1);
}

TEST_CASE_METHOD(SocketHarness, "link_disabled stops reconnecting and says why") {
    start();
    const std::size_t before = opens();
    socket.disconnect(socket.open_connections().front(), "link_disabled");
    REQUIRE(wait_until([&] { return !mode->status().stopped.empty(); }));
    CHECK(mode->status().stopped.find("link_disabled") != std::string::npos);
    REQUIRE(wait_until([&] { return socket.open_connections().empty(); }));
    timers.advance(10min);
    on_io([] {});
    CHECK(opens() == before);
    CHECK(mode->status().open_since.empty());
}

TEST_CASE_METHOD(SocketHarness, "invalid_auth on apps.connections.open is reported, not retried") {
    fake.script("apps.connections.open", SlackAnswer::failure("invalid_auth"));
    start(false);
    REQUIRE(wait_until([&] { return !mode->status().stopped.empty(); }));
    CHECK(mode->status().stopped.find("invalid_auth") != std::string::npos);
    CHECK(mode->status().stopped.find("connections:write") != std::string::npos);
    timers.advance(1h);
    on_io([] {});
    CHECK(opens() == 1);
    CHECK(socket.accepted() == 0);
}

TEST_CASE("the bot token instead of the app-level token is refused for good") {
    SocketHarness h;
    h.fake.serve_socket_mode([&h] { return h.socket.next_url(); }, "xapp-other");
    h.start(false);
    REQUIRE(h.wait_until([&] { return !h.mode->status().stopped.empty(); }));
    CHECK(h.mode->status().stopped.find("invalid_auth") != std::string::npos);
}

TEST_CASE_METHOD(SocketHarness, "ratelimited waits as long as Retry-After says") {
    fake.script("apps.connections.open", SlackAnswer::rate_limited(30));
    start(false);
    REQUIRE(wait_until([&] { return timers.next_in().has_value(); }));
    CHECK(opens() == 1);
    CHECK(*timers.next_in() >= 30s);
    timers.advance(29s);
    on_io([] {});
    CHECK(opens() == 1);
    timers.advance(2s);
    REQUIRE(socket.wait_for_open(2));
    CHECK(opens() == 3);
}

TEST_CASE_METHOD(SocketHarness, "failures back off, doubling, with jitter") {
    // random() is 0.5: each wait is three quarters of its doubling step.
    fake.script("apps.connections.open", SlackAnswer::server_error(500));
    fake.script("apps.connections.open", SlackAnswer::server_error(503));
    fake.script("apps.connections.open", SlackAnswer::failure("internal_error"));
    start(false);
    REQUIRE(wait_until([&] { return opens() == 1 && timers.next_in().has_value(); }));
    CHECK(*timers.next_in() == 751ms);
    timers.advance(751ms);
    REQUIRE(wait_until([&] { return opens() == 2 && timers.next_in().has_value(); }));
    CHECK(*timers.next_in() == 1501ms);
    timers.advance(1501ms);
    REQUIRE(wait_until([&] { return opens() == 3 && timers.next_in().has_value(); }));
    CHECK(*timers.next_in() == 3001ms);
    timers.advance(3001ms);
    REQUIRE(socket.wait_for_open(2));
    // A success resets the backoff: a later drop reconnects at once.
    socket.drop(socket.open_connections().front());
    REQUIRE(wait_until([&] { return opens() == 6; }));
}

TEST_CASE_METHOD(SocketHarness,
                 "malformed, unknown, binary and oversized frames are skipped; serving goes on") {
    start();
    const auto open = socket.open_connections();
    socket.send_text(open[0], "{not json");
    socket.send_text(open[0], "[1,2,3]");
    socket.send_text(open[0], std::string(100000, '[') + std::string(100000, ']'));
    socket.send_text(open[0], R"({"type":"mystery"})");
    socket.send_text(open[0], R"({"envelope_id":"e-x","type":"slash_commands","payload":7})");
    socket.send_binary(open[0], std::string(1000, '\x01'));
    socket.send_text(open[0], std::string(2 * 1024 * 1024, ' '));  // over the 1 MiB bound
    const std::string unknown = socket.send_envelope(open[0], "brand_new_type", json::object());
    const std::string bad =
        socket.send_envelope(open[0], "slash_commands", {{"user_id", "not a user"}}, true);
    auto ack = command("U1", "CGENERAL", "declare Still serving sev3");
    CHECK(ack.payload["response_type"] == "ephemeral");
    // The unknown and the malformed envelope are acknowledged (a resend would be no
    // better) and change nothing.
    CHECK(socket.wait_for_ack(unknown));
    CHECK(socket.wait_for_ack(bad));
    CHECK(count("SELECT COUNT(*) FROM incidents") == 1);
    CHECK(socket.open_connections() == open);
    {
        std::lock_guard lock(mutex);
        CHECK(envelopes["brand_new_type"] == 1);
        CHECK(envelopes["slash_commands"] == 2);
    }
}
