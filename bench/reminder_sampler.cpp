#include "reminder_sampler.hpp"

#include <fstream>
#include <string>

namespace firebreak::bench {
namespace {

/// The output is read this often: the resolution of a pass's end time. serve's log lines
/// carry whole seconds only, so the time a line arrives is the finer clock.
constexpr auto kOutputPoll = std::chrono::milliseconds(2);
constexpr auto kRssEvery = std::chrono::seconds(1);
/// "...info fired 83 reminder(s)", logged by the scheduler after each pass that fired.
constexpr std::string_view kFired = " fired ";
constexpr std::string_view kReminders = " reminder(s)";

}  // namespace

ServeSampler::ServeSampler(const testing::ServeProcess& serve, pid_t pid)
    : serve_(serve), pid_(pid) {
    thread_ = std::thread([this] { run(); });
}

ServeSampler::~ServeSampler() {
    stop();
}

void ServeSampler::stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
}

long ServeSampler::status_kb(pid_t pid, const char* field) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string prefix = std::string(field) + ":";
    for (std::string line; std::getline(status, line);)
        if (line.rfind(prefix, 0) == 0) return std::stol(line.substr(prefix.size()));
    return -1;
}

void ServeSampler::run() {
    auto next_rss = std::chrono::steady_clock::now();
    while (!stopping_) {
        read_new_output();
        if (std::chrono::steady_clock::now() >= next_rss) {
            rss_kb_.push_back(status_kb(pid_, "VmRSS"));
            next_rss += kRssEvery;
        }
        std::this_thread::sleep_for(kOutputPoll);
    }
    read_new_output();
}

void ServeSampler::read_new_output() {
    std::string output = serve_.output();
    auto seen = std::chrono::system_clock::now();
    while (true) {
        std::size_t end = output.find('\n', read_up_to_);
        if (end == std::string::npos) return;  // a partial line waits for the next read
        std::string_view line(output.data() + read_up_to_, end - read_up_to_);
        read_up_to_ = end + 1;
        std::size_t fired = line.find(kFired);
        if (fired == std::string_view::npos || line.find(kReminders) == std::string_view::npos)
            continue;
        passes_.push_back(
            ReminderPass{seen, std::stoi(std::string(line.substr(fired + kFired.size())))});
    }
}

}  // namespace firebreak::bench
