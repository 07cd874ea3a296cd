// socket_round_trip: Slack Socket Mode's envelope round trip through `firebreak serve`
// (docs/slack-socket-mode.md). A fake Socket Mode server sends `/incident note` envelopes
// at --rate per second, alternating over the two connections serve holds, and times each
// from the moment it is sent to the moment its ack (after the commit) arrives.
//
//   socket_round_trip --binary build/release/src/cli/firebreak [--rate 500] [--duration 20]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "fakes/fake_slack.hpp"
#include "fakes/fake_socket_mode.hpp"
#include "support/serve_process.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

struct Options {
    std::string binary;
    int rate = 500;
    int duration_s = 20;
};

Options parse_options(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--binary")
            o.binary = value();
        else if (arg == "--rate")
            o.rate = std::stoi(value());
        else if (arg == "--duration")
            o.duration_s = std::stoi(value());
        else
            throw std::invalid_argument("unknown argument: " + arg);
    }
    if (o.binary.empty() || o.rate <= 0 || o.duration_s <= 0)
        throw std::invalid_argument(
            "usage: socket_round_trip --binary PATH [--rate 500] [--duration 20]");
    return o;
}

double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

}  // namespace

int main(int argc, char** argv) try {
    const Options options = parse_options(argc, argv);
    setenv("FIREBREAK_BINARY", options.binary.c_str(), 1);  // ServeProcess reads it
    testing::TempDir dir;
    fakes::FakeSlack fake("xoxb-bench-token");
    fakes::FakeSocketMode socket;
    fake.add_channel("CANNOUNCE", "incidents");
    fake.serve_socket_mode([&] { return socket.next_url(); }, "xapp-bench-token");
    const std::string config = dir.file("firebreak.yaml");
    std::ofstream(config) << "server:\n  listen: \"127.0.0.1:0\"\n  admin_listen: off\n"
                          << "storage:\n  sqlite:\n    path: \"" << dir.file("firebreak.db")
                          << "\"\n"
                          << "slack:\n  enabled: true\n  mode: socket\n"
                          << "  app_token: \"${SLACK_APP_TOKEN}\"\n"
                          << "  bot_token: \"${SLACK_BOT_TOKEN}\"\n"
                          << "  api_base_url: \"" << fake.base_url() << "\"\n"
                          << "  announce_channel: CANNOUNCE\n";
    testing::ServeProcess serve(
        config, {{"SLACK_APP_TOKEN", "xapp-bench-token"}, {"SLACK_BOT_TOKEN", "xoxb-bench-token"}});
    if (!socket.wait_for_open(2, 30s)) throw std::runtime_error("serve opened no two connections");
    auto command = [](const std::string& channel, const std::string& text,
                      const std::string& trigger) {
        return nlohmann::json{{"team_id", "T1"}, {"channel_id", channel},
                              {"user_id", "U1"}, {"command", "/incident"},
                              {"text", text},    {"trigger_id", trigger}};
    };
    const auto open = socket.open_connections();
    socket.send_envelope(open[0], "slash_commands",
                         command("CGENERAL", "declare Bench sev3", "TR-DECLARE"), true);
    if (!fake.wait_for_calls("pins.add", 1, 30s)) throw std::runtime_error("the declare stalled");
    const std::string channel = fake.calls("pins.add").front().body["channel"];

    const int total = options.rate * options.duration_s;
    std::map<std::string, Clock::time_point> sent;
    const auto period = std::chrono::nanoseconds(1'000'000'000LL / options.rate);
    const auto start = Clock::now();
    for (int n = 0; n < total; ++n) {
        std::this_thread::sleep_until(start + n * period);
        const auto at = Clock::now();
        sent[socket.send_envelope(
            open[static_cast<std::size_t>(n % 2)], "slash_commands",
            command(channel, "note bench " + std::to_string(n), "TR-" + std::to_string(n)), true)] =
            at;
    }
    const double achieved = total / std::chrono::duration<double>(Clock::now() - start).count();
    if (!socket.wait_for_acks(static_cast<std::size_t>(total) + 1, 60s))
        throw std::runtime_error("not every envelope was acknowledged");
    std::vector<double> round_trips;
    for (const auto& ack : socket.acks())
        if (auto it = sent.find(ack.envelope_id); it != sent.end())
            round_trips.push_back(ms(ack.received_at - it->second));
    std::sort(round_trips.begin(), round_trips.end());
    auto pct = [&](double p) {
        return round_trips[std::min(round_trips.size() - 1,
                                    static_cast<std::size_t>(p * round_trips.size()))];
    };
    std::printf(
        "socket_round_trip: %d envelopes at %.0f/s over 2 connections: p50 %.2f ms, p99 %.2f "
        "ms, max %.2f ms\n",
        total, achieved, pct(0.50), pct(0.99), round_trips.back());
    serve.stop(SIGTERM);
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "socket_round_trip: %s\n", e.what());
    return 1;
}
