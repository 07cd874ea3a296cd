// slack_load: a load generator for `firebreak serve`'s Slack request URLs (issue #3).
// Starts a fake Slack Web API and the real binary, declares a few incidents to write into,
// sends a signed mix of declares, updates, notes and reaction events, stops the server and
// checks that every acknowledged command was committed.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "commit_check.hpp"
#include "fakes/fake_slack.hpp"
#include "load_run.hpp"
#include "slack_requests.hpp"
#include "support/loopback_client.hpp"
#include "support/serve_process.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using namespace firebreak::bench;

namespace {

constexpr const char* kSecret = "bench-signing-secret";
constexpr const char* kBotToken = "xoxb-bench-token";
/// Incidents declared before the load; updates, notes and reactions go to their channels.
constexpr int kWarmupIncidents = 8;
/// The message in each incident channel that the load's reactions point at: older than
/// anything the fake posts (its first ts is 1700000000.000100, an incident's summary).
constexpr const char* kMarkedTs = "1690000000.000100";

constexpr const char* kUsage =
    "Usage: slack_load --binary PATH [--rate 500] [--duration 20s] [--connections 8]\n"
    "                  [--mode paced|max] [--mix declare=1,update=6,event=3] [--json]\n"
    "Drives `PATH serve` with signed Slack requests and reports ack latency and throughput.\n"
    "Mix kinds: declare, update, note, event.\n";

struct Options {
    std::string binary;
    LoadPlan plan;
    std::string mix = "declare=1,update=6,event=3";
    bool json = false;
};

/// "20s", "500ms", "2m", or plain seconds.
std::chrono::nanoseconds parse_duration(const std::string& text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || value <= 0) throw std::invalid_argument("bad duration: " + text);
    std::string unit(end, text.data() + text.size());
    double scale = unit.empty() || unit == "s" ? 1e9 : unit == "ms" ? 1e6 : unit == "m" ? 60e9 : 0;
    if (scale == 0) throw std::invalid_argument("bad duration unit: " + text);
    return std::chrono::nanoseconds(static_cast<std::int64_t>(value * scale));
}

/// The --mix weights as a shuffled sequence (fixed seed: every run sends the same order).
std::vector<RequestKind> parse_mix(const std::string& mix) {
    std::vector<RequestKind> pattern;
    std::size_t pos = 0;
    while (pos < mix.size()) {
        std::size_t comma = mix.find(',', pos);
        std::string item = mix.substr(pos, comma == std::string::npos ? comma : comma - pos);
        pos = comma == std::string::npos ? mix.size() : comma + 1;
        std::size_t eq = item.find('=');
        auto kind = parse_kind(item.substr(0, eq));
        if (eq == std::string::npos || !kind) throw std::invalid_argument("bad mix entry: " + item);
        int weight = std::stoi(item.substr(eq + 1));
        if (weight < 0) throw std::invalid_argument("bad mix weight: " + item);
        pattern.insert(pattern.end(), static_cast<std::size_t>(weight), *kind);
    }
    if (pattern.empty()) throw std::invalid_argument("the mix is empty");
    // Repeat before shuffling so that short runs still see the weights in proportion.
    std::vector<RequestKind> repeated;
    for (int i = 0; i < 10; ++i) repeated.insert(repeated.end(), pattern.begin(), pattern.end());
    std::shuffle(repeated.begin(), repeated.end(), std::mt19937(42));
    return repeated;
}

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
            o.plan.rate = std::stod(value());
        else if (arg == "--duration")
            o.plan.duration = parse_duration(value());
        else if (arg == "--connections")
            o.plan.connections = std::stoi(value());
        else if (arg == "--mix")
            o.mix = value();
        else if (arg == "--json")
            o.json = true;
        else if (arg == "--mode") {
            std::string mode = value();
            if (mode != "paced" && mode != "max") throw std::invalid_argument("bad mode: " + mode);
            o.plan.mode = mode == "paced" ? LoadMode::paced : LoadMode::max;
        } else {
            throw std::invalid_argument("unknown argument: " + arg);
        }
    }
    if (o.binary.empty()) throw std::invalid_argument("--binary is required");
    if (o.plan.rate <= 0 || o.plan.connections <= 0)
        throw std::invalid_argument("--rate and --connections must be positive");
    o.plan.pattern = parse_mix(o.mix);
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
                        << "  announce_channel: CANNOUNCE\n";
    return path;
}

/// Declares the warm-up incidents and waits until the outbox worker has made (and pinned
/// the summary in) their channels: then updates and reactions there reach an incident.
std::vector<IncidentChannel> warm_up(std::uint16_t port, fakes::FakeSlack& fake,
                                     const SlackRequestFactory& requests) {
    http::testing::LoopbackClient client(port);
    for (int i = 0; i < kWarmupIncidents; ++i) {
        auto reply = client.request(requests.make(RequestKind::declare, i, "warm"));
        if (reply.result_int() != 200)
            throw std::runtime_error("warm-up declare answered " +
                                     std::to_string(reply.result_int()) + ": " + reply.body());
    }
    if (!fake.wait_for_calls("pins.add", kWarmupIncidents, std::chrono::seconds(60)))
        throw std::runtime_error("the warm-up incidents' channels were not set up in 60 s");
    std::vector<IncidentChannel> channels;
    for (const auto& call : fake.calls("conversations.create")) {
        auto channel = fake.channel_named(call.body.value("name", ""));
        if (!channel) throw std::runtime_error("no channel for " + call.body.dump());
        fake.add_message(channel->id, kMarkedTs, "UWRITER", "Rolled back the 14:02 deploy");
        channels.push_back(IncidentChannel{channel->id, kMarkedTs});
    }
    return channels;
}

/// The child process running `binary` (ServeProcess keeps its pid to itself).
std::optional<pid_t> child_pid() {
    std::ifstream children("/proc/self/task/" + std::to_string(getpid()) + "/children");
    pid_t pid = 0;
    if (children >> pid) return pid;
    return std::nullopt;
}

/// The server's peak resident set (VmHWM) in kB, or -1 when /proc does not say.
long peak_rss_kb() {
    auto pid = child_pid();
    if (!pid) return -1;
    std::ifstream status("/proc/" + std::to_string(*pid) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

/// The server's first few warnings and errors, to stderr: why requests failed.
void print_server_trouble(const std::string& output) {
    constexpr int kMaxLines = 10;
    std::istringstream lines(output);
    int shown = 0;
    for (std::string line; shown < kMaxLines && std::getline(lines, line);) {
        if (line.find("[error]") == std::string::npos &&
            line.find("[warning]") == std::string::npos)
            continue;
        if (shown++ == 0) std::cerr << "server warnings and errors (first " << kMaxLines << "):\n";
        std::cerr << "  " << line << "\n";
    }
}

std::vector<CommitCheck> compare(const LoadResult& r, const CommittedRows& rows) {
    auto acked = [&](RequestKind k) {
        return static_cast<std::int64_t>(r.acknowledged[static_cast<std::size_t>(k)]);
    };
    return {
        {"declares -> incidents", acked(RequestKind::declare) + kWarmupIncidents, rows.incidents},
        {"updates -> update_posted events", acked(RequestKind::update), rows.updates},
        {"notes -> note events", acked(RequestKind::note), rows.notes},
        {"events -> dedupe keys", acked(RequestKind::event), rows.event_keys},
        {"events -> capture outbox rows", acked(RequestKind::event), rows.captures},
    };
}

struct Report {
    const Options& options;
    const LoadResult& result;
    const CommittedRows& rows;
    const std::vector<CommitCheck>& checks;
    long peak_rss_kb;
    int exit_status;
};

double seconds(std::chrono::nanoseconds d) {
    return std::chrono::duration<double>(d).count();
}

nlohmann::json to_json(const Report& r) {
    const LoadResult& l = r.result;
    nlohmann::json acked, checks = nlohmann::json::array();
    for (RequestKind k : kAllKinds)
        acked[std::string(to_string(k))] = l.acknowledged[static_cast<std::size_t>(k)];
    for (const auto& c : r.checks)
        checks.push_back({{"what", c.what},
                          {"acknowledged", c.acknowledged},
                          {"committed", c.committed},
                          {"holds", c.holds()}});
    return {
        {"mode", r.options.plan.mode == LoadMode::paced ? "paced" : "max"},
        {"target_rate", r.options.plan.mode == LoadMode::paced ? r.options.plan.rate : 0},
        {"connections", r.options.plan.connections},
        {"mix", r.options.mix},
        {"requests", l.sent},
        {"acknowledged", acked},
        {"errors", l.errors},
        {"error_reasons", l.error_reasons},
        {"late_sends", l.late},
        {"duration_s", seconds(l.elapsed)},
        {"throughput_rps", static_cast<double>(l.acknowledged_total()) / seconds(l.elapsed)},
        {"latency_ms",
         {{"p50", l.percentile_ms(0.5)},
          {"p99", l.percentile_ms(0.99)},
          {"p99.9", l.percentile_ms(0.999)},
          {"max", l.percentile_ms(1.0)}}},
        {"server_peak_rss_kb", r.peak_rss_kb},
        {"server_exit_status", r.exit_status},
        {"outbox",
         {{"delivered", r.rows.outbox_delivered},
          {"failed", r.rows.outbox_failed},
          {"pending", r.rows.outbox_pending}}},
        {"commit_checks", checks},
    };
}

void print_text(const Report& r) {
    const LoadResult& l = r.result;
    bool paced = r.options.plan.mode == LoadMode::paced;
    std::printf(
        "mode          %s%s, %d connections, mix %s\n", paced ? "paced at " : "max",
        paced ? (std::to_string(static_cast<long>(r.options.plan.rate)) + " req/s").c_str() : "",
        r.options.plan.connections, r.options.mix.c_str());
    std::printf("requests      %llu (", static_cast<unsigned long long>(l.sent));
    for (RequestKind k : kAllKinds)
        std::printf("%s %llu%s", std::string(to_string(k)).c_str(),
                    static_cast<unsigned long long>(l.acknowledged[static_cast<std::size_t>(k)]),
                    k == RequestKind::event ? " acknowledged)\n" : ", ");
    std::printf("errors        %llu\n", static_cast<unsigned long long>(l.errors));
    for (const auto& [reason, count] : l.error_reasons)
        std::printf("  %llu x %s\n", static_cast<unsigned long long>(count), reason.c_str());
    if (paced) std::printf("late sends    %llu (> 1 ms after due)\n", (unsigned long long)l.late);
    std::printf("duration      %.2f s\n", seconds(l.elapsed));
    std::printf("throughput    %.0f acknowledged req/s\n",
                static_cast<double>(l.acknowledged_total()) / seconds(l.elapsed));
    std::printf("latency ms    p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f\n", l.percentile_ms(0.5),
                l.percentile_ms(0.99), l.percentile_ms(0.999), l.percentile_ms(1.0));
    std::printf("server        peak RSS %ld kB, exit status %d after SIGTERM\n", r.peak_rss_kb,
                r.exit_status);
    std::printf("outbox        %lld delivered, %lld failed, %lld pending at the stop\n",
                (long long)r.rows.outbox_delivered, (long long)r.rows.outbox_failed,
                (long long)r.rows.outbox_pending);
    for (const auto& c : r.checks)
        std::printf("commit check  %-34s acknowledged %lld, committed %lld: %s\n", c.what.c_str(),
                    (long long)c.acknowledged, (long long)c.committed,
                    c.holds() ? "ok" : "MISMATCH");
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    try {
        options = parse_options(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "slack_load: " << e.what() << "\n" << kUsage;
        return 2;
    }
    // The fake Slack's server logs through spdlog to stdout; only its trouble is of interest.
    spdlog::set_level(spdlog::level::warn);
    try {
        testing::TempDir dir;
        fakes::FakeSlack fake(kBotToken);
        fake.add_channel("CANNOUNCE", "incidents");
        fake.add_channel("CGENERAL", "general");
        setenv("FIREBREAK_BINARY", options.binary.c_str(), 1);  // ServeProcess reads it
        testing::ServeProcess serve(write_config(dir, fake), {{"SLACK_SIGNING_SECRET", kSecret},
                                                              {"SLACK_BOT_TOKEN", kBotToken}});
        options.plan.port = serve.port();

        SlackRequestFactory requests(kSecret);
        requests.set_channels(warm_up(serve.port(), fake, requests));
        LoadResult result = run_load(options.plan, requests);
        long rss = peak_rss_kb();
        int status = serve.stop(SIGTERM);

        if (result.errors > 0 || status != 0) print_server_trouble(serve.output());
        CommittedRows rows = count_committed(dir.file("firebreak.db"));
        auto checks = compare(result, rows);
        Report report{options, result, rows, checks, rss, status};
        if (options.json)
            std::cout << to_json(report).dump(2) << "\n";
        else
            print_text(report);
        bool all_hold =
            std::all_of(checks.begin(), checks.end(), [](auto& c) { return c.holds(); });
        return all_hold && result.errors == 0 && status == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "slack_load: " << e.what() << "\n";
        return 1;
    }
}
