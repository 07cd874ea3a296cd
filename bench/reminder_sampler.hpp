#pragma once
// Watches a running `firebreak serve` from outside: its resident memory once a second, and
// when each reminder pass ends (the "fired N reminder(s)" line it logs), to the millisecond.

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "support/serve_process.hpp"

namespace firebreak::bench {

/// A reminder pass as seen from outside: when its log line arrived and how many it fired.
struct ReminderPass {
    std::chrono::system_clock::time_point seen;
    int fired = 0;
};

class ServeSampler {
  public:
    /// Starts sampling `pid` (the process behind `serve`) on a thread of its own.
    ServeSampler(const testing::ServeProcess& serve, pid_t pid);
    /// Stops sampling; call before the process is stopped so its exit is not sampled.
    ~ServeSampler();
    ServeSampler(const ServeSampler&) = delete;
    ServeSampler& operator=(const ServeSampler&) = delete;

    void stop();

    /// The passes in the order they were logged. Call after stop().
    const std::vector<ReminderPass>& passes() const { return passes_; }
    /// VmRSS in kB, one sample a second, the first taken at the start. Call after stop().
    const std::vector<long>& rss_kb() const { return rss_kb_; }

    /// `field` ("VmRSS", "VmHWM") of /proc/<pid>/status in kB; -1 when it cannot be read.
    static long status_kb(pid_t pid, const char* field);

  private:
    void run();
    /// Records the passes in the output logged since the last call.
    void read_new_output();

    const testing::ServeProcess& serve_;
    pid_t pid_;
    std::size_t read_up_to_ = 0;
    std::vector<ReminderPass> passes_;
    std::vector<long> rss_kb_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace firebreak::bench
