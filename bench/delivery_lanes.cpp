// delivery_lanes: the outbox's delivery lanes against a slow Slack Web API (bench/README.md,
// "Delivery lanes"). Starts a fake Slack that answers every call after --delay (300 ms) and
// the real `firebreak serve`, then measures through the real HTTP endpoint:
//   1. ten declares sent at once, until all ten summaries are posted in their channels;
//   2. a form open (`/incident` with no text), from its ack until views.open reaches the
//      fake, while one incident channel's calls stall for --stall (6 s), then while eight
//      channels' calls stall (every normal delivery slot held).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <barrier>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "fakes/fake_slack.hpp"
#include "slack_requests.hpp"
#include "support/loopback_client.hpp"
#include "support/serve_process.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using namespace firebreak::bench;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

constexpr const char* kSecret = "bench-signing-secret";
constexpr const char* kBotToken = "xoxb-bench-token";
constexpr const char* kAnnounce = "CANNOUNCE";
constexpr int kDeclares = 10;
/// Channels stalled at once in the second form-open run: every normal delivery slot.
constexpr int kStalledChannels = 8;

constexpr const char* kUsage =
    "Usage: delivery_lanes --binary PATH [--delay 300] [--stall 6000] [--json] [--trace]\n"
    "Times ten simultaneous declares until their summaries are posted, and a form open while\n"
    "other channels' Slack calls stall, against a fake Slack answering after --delay ms.\n";

struct Options {
    std::string binary;
    milliseconds delay{300};
    milliseconds stall{6000};
    bool json = false;
    bool trace = false;  ///< print every call of the declare run with its arrival time
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
        else if (arg == "--delay")
            o.delay = milliseconds(std::stol(value()));
        else if (arg == "--stall")
            o.stall = milliseconds(std::stol(value()));
        else if (arg == "--json")
            o.json = true;
        else if (arg == "--trace")
            o.trace = true;
        else
            throw std::invalid_argument("unknown argument: " + arg);
    }
    if (o.binary.empty()) throw std::invalid_argument("--binary is required");
    return o;
}

std::string write_config(const testing::TempDir& dir, const fakes::FakeSlack& fake) {
    std::string path = dir.file("firebreak.yaml");
    std::ofstream(path) << "server:\n  listen: \"127.0.0.1:0\"\n  admin_listen: \"127.0.0.1:0\"\n"
                        << "storage:\n  sqlite:\n    path: \"" << dir.file("firebreak.db") << "\"\n"
                        << "slack:\n  enabled: true\n  mode: http\n"
                        << "  signing_secret: \"${SLACK_SIGNING_SECRET}\"\n"
                        << "  bot_token: \"${SLACK_BOT_TOKEN}\"\n"
                        << "  api_base_url: \"" << fake.base_url() << "\"\n"
                        << "  announce_channel: " << kAnnounce << "\n";
    return path;
}

double ms_between(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
}

/// Polls the fake (every 5 ms, up to `limit`) until `done(calls)` holds; false when it does
/// not. Waiting only: every figure comes from the fake's own arrival times.
bool poll(const fakes::FakeSlack& fake,
          const std::function<bool(const std::vector<fakes::SlackCall>&)>& done,
          milliseconds limit) {
    auto end = Clock::now() + limit;
    while (!done(fake.calls())) {
        if (Clock::now() > end) return false;
        std::this_thread::sleep_for(milliseconds(5));
    }
    return true;
}

/// poll(), throwing when `what` did not happen in time.
void wait_for(const fakes::FakeSlack& fake, const std::string& what,
              const std::function<bool(const std::vector<fakes::SlackCall>&)>& done,
              milliseconds limit = milliseconds(60000)) {
    if (!poll(fake, done, limit)) throw std::runtime_error("timed out waiting for " + what);
}

std::string channel_of(const fakes::SlackCall& call) {
    return call.body.is_object() ? call.body.value("channel", "") : "";
}

std::string fmt_ms(double ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f ms", ms);
    return text;
}

void expect_ok(const http::Response& reply, const std::string& what) {
    if (reply.result_int() != 200)
        throw std::runtime_error(what + " answered " + std::to_string(reply.result_int()) + ": " +
                                 reply.body());
}

struct DeclareRun {
    double last_ack_ms = 0;
    double last_summary_ms = 0;  ///< the tenth summary's chat.postMessage answered
    double last_pin_ms = 0;      ///< the tenth summary's pins.add reached the fake
    std::size_t peak_concurrent_calls = 0;
    std::vector<std::string> channels;  ///< the incidents' channels
};

/// Ten clients, connected beforehand, send their declares at once.
DeclareRun declare_ten(std::uint16_t port, const fakes::FakeSlack& fake,
                       const SlackRequestFactory& requests, milliseconds delay, bool trace) {
    std::vector<std::unique_ptr<http::testing::LoopbackClient>> clients;
    for (int i = 0; i < kDeclares; ++i)
        clients.push_back(std::make_unique<http::testing::LoopbackClient>(port));
    std::barrier ready(kDeclares + 1);
    std::vector<Clock::time_point> acked(kDeclares);
    std::vector<std::string> errors(kDeclares);
    std::vector<std::thread> senders;
    for (int i = 0; i < kDeclares; ++i) {
        senders.emplace_back([&, i] {
            http::Request request = requests.make(RequestKind::declare, i, "lanes");
            ready.arrive_and_wait();
            try {
                expect_ok(clients[i]->request(std::move(request)), "a declare");
            } catch (const std::exception& e) {
                errors[i] = e.what();
            }
            acked[i] = Clock::now();
        });
    }
    ready.arrive_and_wait();
    const Clock::time_point start = Clock::now();
    for (auto& sender : senders) sender.join();
    for (const auto& e : errors)
        if (!e.empty()) throw std::runtime_error(e);

    wait_for(fake, "ten pinned summaries", [](const std::vector<fakes::SlackCall>& calls) {
        return std::count_if(calls.begin(), calls.end(), [](const fakes::SlackCall& c) {
                   return c.method == "pins.add";
               }) >= kDeclares;
    });
    DeclareRun run;
    run.last_ack_ms = ms_between(start, *std::max_element(acked.begin(), acked.end()));
    for (const auto& call : fake.calls()) {
        if (trace)
            std::fprintf(stderr, "%8.1f ms  %-24s %s\n", ms_between(start, call.received_at),
                         call.method.c_str(), channel_of(call).c_str());
        if (call.method == "chat.postMessage" && channel_of(call) != kAnnounce)
            run.last_summary_ms =
                std::max(run.last_summary_ms, ms_between(start, call.received_at + delay));
        if (call.method == "pins.add") {
            run.last_pin_ms = std::max(run.last_pin_ms, ms_between(start, call.received_at));
            run.channels.push_back(channel_of(call));
        }
    }
    run.peak_concurrent_calls = fake.peak_concurrent_calls();
    return run;
}

struct FormRun {
    int stalled_channels = 0;
    double ack_ms = 0;  ///< the form-open command answered (the item is committed)
    /// From sending that command until views.open reached the fake; nullopt: it never did.
    std::optional<double> views_open_ms;
};

/// Stalls every call naming a channel of `stalled`, changes each one's incident (a severity
/// change: its pinned summary is edited) and waits until those calls are held by the fake,
/// then opens a form.
FormRun open_form_while_stalled(std::uint16_t port, fakes::FakeSlack& fake,
                                const SlackRequestFactory& requests,
                                const std::vector<std::string>& stalled, milliseconds stall,
                                int run_number) {
    for (const auto& channel : stalled) fake.delay(stall, "", channel);
    const Clock::time_point stalled_from = Clock::now();
    http::testing::LoopbackClient client(port);
    for (const auto& channel : stalled)
        expect_ok(client.request(requests.typed_in(channel, "sev sev1")), "a severity change");
    wait_for(fake, "the stalled calls", [&](const std::vector<fakes::SlackCall>& calls) {
        std::set<std::string> held;
        for (const auto& c : calls)
            if (c.received_at >= stalled_from &&
                std::find(stalled.begin(), stalled.end(), channel_of(c)) != stalled.end())
                held.insert(channel_of(c));
        return held.size() >= stalled.size();
    });

    const std::size_t opens_before = fake.calls("views.open").size();
    const std::string trigger = "lanes.form." + std::to_string(run_number);
    const Clock::time_point sent = Clock::now();
    expect_ok(client.request(requests.form_open(trigger)), "a form open");
    const Clock::time_point acked = Clock::now();
    // A trigger lives 3 s: a form that has not opened by twice the stall never will.
    bool opened = poll(
        fake,
        [&](const std::vector<fakes::SlackCall>& calls) {
            return std::count_if(calls.begin(), calls.end(), [](const fakes::SlackCall& c) {
                       return c.method == "views.open";
                   }) > static_cast<std::ptrdiff_t>(opens_before);
        },
        stall * 2);
    FormRun run;
    run.stalled_channels = static_cast<int>(stalled.size());
    run.ack_ms = ms_between(sent, acked);
    // From the send: the item is queued between the send and the ack, and the worker may
    // open the form before the ack reaches the client.
    if (opened) run.views_open_ms = ms_between(sent, fake.calls("views.open").back().received_at);
    // Let the stalled calls finish before the next run needs their slots.
    wait_for(
        fake, "the stalled calls to finish",
        [&](const std::vector<fakes::SlackCall>&) {
            return Clock::now() > stalled_from + stall + milliseconds(500);
        },
        stall * 3);
    return run;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    try {
        options = parse_options(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "delivery_lanes: " << e.what() << "\n" << kUsage;
        return 2;
    }
    spdlog::set_level(spdlog::level::warn);
    try {
        testing::TempDir dir;
        fakes::FakeSlack fake(kBotToken);
        fake.add_channel(kAnnounce, "incidents");
        fake.add_channel("CGENERAL", "general");
        fake.delay(options.delay);
        setenv("FIREBREAK_BINARY", options.binary.c_str(), 1);  // ServeProcess reads it
        testing::ServeProcess serve(write_config(dir, fake), {{"SLACK_SIGNING_SECRET", kSecret},
                                                              {"SLACK_BOT_TOKEN", kBotToken}});
        const SlackRequestFactory requests(kSecret);

        DeclareRun declares =
            declare_ten(serve.port(), fake, requests, options.delay, options.trace);
        if (declares.channels.size() < static_cast<std::size_t>(kStalledChannels + 1))
            throw std::runtime_error("fewer incident channels than the runs need");
        FormRun one = open_form_while_stalled(serve.port(), fake, requests, {declares.channels[0]},
                                              options.stall, 1);
        FormRun eight = open_form_while_stalled(
            serve.port(), fake, requests,
            {declares.channels.begin() + 1, declares.channels.begin() + 1 + kStalledChannels},
            options.stall, 2);
        int status = serve.stop(SIGTERM);

        if (options.json) {
            nlohmann::json forms = nlohmann::json::array();
            for (const FormRun* f : {&one, &eight})
                forms.push_back({{"stalled_channels", f->stalled_channels},
                                 {"ack_ms", f->ack_ms},
                                 {"views_open_after_send_ms",
                                  f->views_open_ms ? nlohmann::json(*f->views_open_ms)
                                                   : nlohmann::json(nullptr)}});
            std::cout << nlohmann::json{{"delay_ms", options.delay.count()},
                                        {"stall_ms", options.stall.count()},
                                        {"declares",
                                         {{"last_ack_ms", declares.last_ack_ms},
                                          {"last_summary_posted_ms", declares.last_summary_ms},
                                          {"last_summary_pinned_ms", declares.last_pin_ms},
                                          {"peak_concurrent_calls",
                                           declares.peak_concurrent_calls}}},
                                        {"form_opens", forms},
                                        {"server_exit_status", status}}
                             .dump(2)
                      << "\n";
        } else {
            std::printf("fake Slack     every call answered after %lld ms\n",
                        static_cast<long long>(options.delay.count()));
            std::printf(
                "10 declares    all acked after %.0f ms; 10th summary posted after %.0f ms,"
                " pinned after %.0f ms; peak %zu calls at once\n",
                declares.last_ack_ms, declares.last_summary_ms, declares.last_pin_ms,
                declares.peak_concurrent_calls);
            for (const FormRun* f : {&one, &eight}) {
                std::printf(
                    "form open      %d channel(s) stalled %lld ms: acked in %.1f ms, "
                    "views.open after the send: %s\n",
                    f->stalled_channels, static_cast<long long>(options.stall.count()), f->ack_ms,
                    f->views_open_ms ? fmt_ms(*f->views_open_ms).c_str()
                                     : "never (the trigger expired)");
            }
            std::printf("server         exit status %d after SIGTERM\n", status);
        }
        return status == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "delivery_lanes: " << e.what() << "\n";
        return 1;
    }
}
