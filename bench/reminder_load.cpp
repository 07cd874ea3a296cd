// reminder_load: the reminder benchmark (issue #4). Prepares a database with many live
// incidents whose update nudges fall due across a window, starts the real `firebreak serve`
// on it and reports the time to ready, the server's resident memory and how late the nudges
// fired; then checks that each planned nudge fired exactly once.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "reminder_fixture.hpp"
#include "reminder_lateness.hpp"
#include "reminder_sampler.hpp"
#include "support/loopback_client.hpp"
#include "support/serve_process.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using namespace firebreak::bench;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kUsage =
    "Usage: reminder_load --binary PATH [--incidents 10000] [--duration 120s] [--lead 15s]\n"
    "                     [--json]\n"
    "(--lead defaults to 5 s plus 1 s per 1000 incidents.)\n"
    "Prepares PATH's database with live incidents whose update nudges fall due across the\n"
    "--duration window (which opens --lead after the preparation starts), runs `PATH serve`\n"
    "on it and reports time to ready, resident memory and reminder lateness.\n";

/// How long after the last planned nudge the server keeps running: the last pass has to end.
constexpr auto kGrace = std::chrono::seconds(3);
/// The targets of issue #4.
constexpr double kRssTargetMiB = 64;
constexpr double kLatenessTargetS = 1;
constexpr double kReadyTargetMs = 1000;

struct Options {
    std::string binary;
    int incidents = 10000;
    std::chrono::seconds duration{120};
    std::optional<std::chrono::seconds> lead;  ///< default: grows with the incidents
    bool json = false;
};

/// "120s", "2m", or plain seconds; whole seconds, since due times are.
std::chrono::seconds parse_seconds(const std::string& text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    std::string unit(end, text.data() + text.size());
    double scale = unit.empty() || unit == "s" ? 1 : unit == "m" ? 60 : 0;
    if (ec != std::errc() || value <= 0 || scale == 0)
        throw std::invalid_argument("bad duration: " + text);
    return std::chrono::seconds(static_cast<std::int64_t>(std::ceil(value * scale)));
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
        else if (arg == "--incidents")
            o.incidents = std::stoi(value());
        else if (arg == "--duration")
            o.duration = parse_seconds(value());
        else if (arg == "--lead")
            o.lead = parse_seconds(value());
        else if (arg == "--json")
            o.json = true;
        else
            throw std::invalid_argument("unknown argument: " + arg);
    }
    if (o.binary.empty()) throw std::invalid_argument("--binary is required");
    if (o.incidents <= 0) throw std::invalid_argument("--incidents must be positive");
    return o;
}

/// Preparing takes about 0.1 ms per incident on a quiet machine (synchronous off); the lead
/// leaves room for a busy machine and for serve to start before the first nudge is due.
std::chrono::seconds default_lead(int incidents) {
    return std::chrono::seconds(5 + incidents / 1000);
}

/// Only the update nudge is on, as in the prepared database; no chat platform runs.
std::string write_config(const testing::TempDir& dir) {
    std::string path = dir.file("firebreak.yaml");
    std::ofstream(path) << "server:\n  listen: \"127.0.0.1:0\"\n  admin_listen: \"127.0.0.1:0\"\n"
                        << "storage:\n  sqlite:\n    path: \"" << dir.file("firebreak.db") << "\"\n"
                        << "slack:\n  enabled: false\n"
                        << "reminders:\n  unassigned_role_after: \"off\"\n"
                        << "  overdue_escalate_after: \"off\"\n  handover_after: \"off\"\n";
    return path;
}

/// The child process running the binary (ServeProcess keeps its pid to itself).
pid_t child_pid() {
    std::ifstream children("/proc/self/task/" + std::to_string(getpid()) + "/children");
    pid_t pid = 0;
    if (!(children >> pid)) throw std::runtime_error("cannot find serve's pid");
    return pid;
}

http::Response get(std::uint16_t port, const std::string& target) {
    http::testing::LoopbackClient client(port, std::chrono::seconds(30));
    return client.request(http::testing::make_request(http::Verb::get, target));
}

/// Asks GET /readyz every 5 ms until it answers 200; throws after 60 s.
void wait_until_ready(std::uint16_t port) {
    auto give_up = Clock::now() + std::chrono::seconds(60);
    while (Clock::now() < give_up) {
        try {
            if (get(port, "/readyz").result_int() == 200) return;
        } catch (const std::exception&) {
            // not accepting yet: ask again
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    throw std::runtime_error("serve was not ready within 60 s");
}

double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}
double mib(long kb) {
    return static_cast<double>(kb) / 1024.0;
}

struct Report {
    Options options;
    std::string window_start;
    double prepare_s = 0;
    double database_mib = 0;
    double listening_ms = 0;
    double ready_ms = 0;
    long rss_at_ready_kb = -1;
    long rss_peak_sampled_kb = -1;
    long hwm_kb = -1;
    std::size_t planned = 0;
    std::size_t passes = 0;
    int passes_fired = 0;
    TimelineCheck timeline;
    LatenessSummary from_passes;
    LatenessSummary from_timeline;
    LatenessHistogram histogram;
    /// Per pass: how many it fired and the lateness of its latest-due nudge (the pass's
    /// phase against the whole second).
    nlohmann::json pass_ends = nlohmann::json::array();
    int exit_status = 0;

    bool all_fired_once() const {
        return timeline.exactly_once == static_cast<int>(planned) && timeline.repeated == 0 &&
               timeline.events == static_cast<std::int64_t>(planned);
    }
    bool rss_met() const { return hwm_kb >= 0 && mib(hwm_kb) < kRssTargetMiB; }
    bool lateness_met() const {
        return from_passes.count == planned && from_passes.p99 < kLatenessTargetS;
    }
    bool ready_met() const { return ready_ms < kReadyTargetMs; }
};

nlohmann::json summary_json(const LatenessSummary& s) {
    return {{"count", s.count}, {"p50_s", s.p50}, {"p99_s", s.p99}, {"max_s", s.max}};
}

nlohmann::json to_json(const Report& r) {
    nlohmann::json buckets = nlohmann::json::array();
    for (const auto& b : r.histogram.buckets)
        buckets.push_back({{"le", b.le}, {"cumulative", b.cumulative}});
    return {
        {"incidents", r.options.incidents},
        {"window_start", r.window_start},
        {"window_s", r.options.duration.count()},
        {"prepare_s", r.prepare_s},
        {"database_mib", r.database_mib},
        {"listening_ms", r.listening_ms},
        {"ready_ms", r.ready_ms},
        {"rss_mib",
         {{"at_ready", mib(r.rss_at_ready_kb)},
          {"peak_sampled", mib(r.rss_peak_sampled_kb)},
          {"vm_hwm", mib(r.hwm_kb)}}},
        {"nudges",
         {{"expected", r.planned},
          {"timeline_events", r.timeline.events},
          {"fired_exactly_once", r.timeline.exactly_once},
          {"missing", r.timeline.missing},
          {"repeated", r.timeline.repeated},
          {"passes", r.passes},
          {"fired_by_passes", r.passes_fired},
          {"histogram_count", r.histogram.count}}},
        {"lateness",
         {{"passes_upper_bound", summary_json(r.from_passes)},
          {"timeline_whole_seconds", summary_json(r.from_timeline)},
          {"histogram",
           {{"p50_le", r.histogram.bound_for(0.5)},
            {"p99_le", r.histogram.bound_for(0.99)},
            {"sum_s", r.histogram.sum},
            {"buckets", buckets}}}}},
        {"passes", r.pass_ends},
        {"server_exit_status", r.exit_status},
        {"all_fired_once", r.all_fired_once()},
        {"targets",
         {{"rss_under_64_mib", r.rss_met()},
          {"p99_lateness_under_1_s", r.lateness_met()},
          {"ready_under_1_s", r.ready_met()}}},
    };
}

const char* met(bool yes) {
    return yes ? "met" : "NOT met";
}

void print_text(const Report& r) {
    std::printf("incidents     %d live (sev1/sev2/sev3 in turn), update nudges only\n",
                r.options.incidents);
    std::printf("window        %lld s from %s\n", (long long)r.options.duration.count(),
                r.window_start.c_str());
    std::printf("prepared      in %.1f s, database %.1f MiB\n", r.prepare_s, r.database_mib);
    std::printf(
        "start         listening after %.0f ms, ready (GET /readyz 200) after %.0f ms: %s\n",
        r.listening_ms, r.ready_ms, met(r.ready_met()));
    std::printf(
        "memory        VmRSS at ready %.1f MiB, peak sampled %.1f MiB, VmHWM %.1f MiB: %s\n",
        mib(r.rss_at_ready_kb), mib(r.rss_peak_sampled_kb), mib(r.hwm_kb), met(r.rss_met()));
    std::printf(
        "nudges        expected %zu, reminder_sent events %lld, exactly once %d, "
        "missing %d, repeated %d\n",
        r.planned, (long long)r.timeline.events, r.timeline.exactly_once, r.timeline.missing,
        r.timeline.repeated);
    std::printf("              %zu passes logged %d fired; histogram count %llu\n", r.passes,
                r.passes_fired, (unsigned long long)r.histogram.count);
    auto line = [](const char* what, const LatenessSummary& s, int decimals) {
        std::printf("%s n %zu  p50 %.*f s  p99 %.*f s  max %.*f s\n", what, s.count, decimals,
                    s.p50, decimals, s.p99, decimals, s.max);
    };
    line("lateness      pass end − due (upper bound, ms): ", r.from_passes, 3);
    std::printf("              p99 under 1 s: %s\n", met(r.lateness_met()));
    line("              timeline at − due (whole s):      ", r.from_timeline, 0);
    std::printf("              histogram (whole s observed): p50 ≤ %s s, p99 ≤ %s s; buckets",
                r.histogram.bound_for(0.5).c_str(), r.histogram.bound_for(0.99).c_str());
    std::uint64_t below = 0;
    for (const auto& b : r.histogram.buckets) {
        if (b.cumulative != below)
            std::printf("  ≤%s: %llu", b.le.c_str(), (unsigned long long)(b.cumulative - below));
        below = b.cumulative;
    }
    std::printf("\nserver        exit status %d after SIGTERM\n", r.exit_status);
    std::printf("check         every planned nudge fired exactly once: %s\n",
                r.all_fired_once() ? "yes" : "NO");
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    try {
        options = parse_options(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "reminder_load: " << e.what() << "\n" << kUsage;
        return 2;
    }
    spdlog::set_level(spdlog::level::warn);
    try {
        Report report;
        report.options = options;
        testing::TempDir dir;
        std::string db = dir.file("firebreak.db");
        auto lead = options.lead.value_or(default_lead(options.incidents));
        auto began = Clock::now();
        FixturePlan plan{
            options.incidents,
            std::chrono::ceil<std::chrono::seconds>(std::chrono::system_clock::now() + lead),
            {}};
        plan.window_end = plan.window_start + options.duration;
        report.window_start = core::format_iso8601(plan.window_start);
        std::cerr << "reminder_load: preparing " << options.incidents << " incidents\n";
        auto planned = prepare_reminder_database(db, plan);
        report.planned = planned.size();
        report.prepare_s = ms(Clock::now() - began) / 1000.0;
        report.database_mib = mib(static_cast<long>(std::filesystem::file_size(db) / 1024));

        std::string config = write_config(dir);
        setenv("FIREBREAK_BINARY", options.binary.c_str(), 1);  // ServeProcess reads it
        auto spawned = Clock::now();
        testing::ServeProcess serve(config, {});
        report.listening_ms = ms(Clock::now() - spawned);
        wait_until_ready(serve.admin_port());
        report.ready_ms = ms(Clock::now() - spawned);
        if (std::chrono::system_clock::now() > plan.window_start)
            throw std::runtime_error("the window opened before serve was ready (prepared in " +
                                     std::to_string(report.prepare_s) +
                                     " s); pass a longer --lead");
        pid_t pid = child_pid();
        report.rss_at_ready_kb = ServeSampler::status_kb(pid, "VmRSS");

        ServeSampler sampler(serve, pid);
        std::cerr << "reminder_load: ready after " << report.ready_ms << " ms; window "
                  << report.window_start << " + " << options.duration.count() << " s\n";
        // serve fires on the real clock: the window has to pass in real time.
        std::this_thread::sleep_until(plan.window_end + kGrace);
        report.histogram = parse_lateness_histogram(get(serve.admin_port(), "/metrics").body());
        report.hwm_kb = ServeSampler::status_kb(pid, "VmHWM");
        sampler.stop();
        report.exit_status = serve.stop(SIGTERM);

        for (long kb : sampler.rss_kb())
            report.rss_peak_sampled_kb = std::max(report.rss_peak_sampled_kb, kb);
        report.passes = sampler.passes().size();
        for (const auto& p : sampler.passes()) report.passes_fired += p.fired;
        auto pass_lateness = lateness_from_passes(planned, sampler.passes());
        std::size_t end = 0;
        for (const auto& p : sampler.passes()) {
            end = std::min(end + static_cast<std::size_t>(p.fired), pass_lateness.size());
            if (end > 0)
                report.pass_ends.push_back(
                    {{"fired", p.fired}, {"latest_due_lateness_s", pass_lateness[end - 1]}});
        }
        report.from_passes = summarize(std::move(pass_lateness));
        report.timeline = read_timeline(db, planned);
        report.from_timeline = summarize(report.timeline.lateness);
        if (options.json)
            std::cout << to_json(report).dump(2) << "\n";
        else
            print_text(report);
        return report.all_fired_once() && report.exit_status == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "reminder_load: " << e.what() << "\n";
        return 1;
    }
}
