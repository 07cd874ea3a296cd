#pragma once
// The threads an outbox worker runs its delivery attempts on: started as attempts need them,
// up to a limit, and joined when the worker stops. They may run at a lower CPU priority than
// the thread that answers requests: an acknowledgement has a deadline (Slack's 3 s), a
// delivery has retries, so when the cores are saturated the acks go first.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace firebreak::app {

/// The nice value `steps` levels below the calling thread's (capped at 19), or nullopt for
/// steps <= 0 or when the thread's own cannot be read: leave priorities alone.
std::optional<int> nice_below_this_thread(int steps);
/// Runs the calling thread at nice value `nice` (Linux schedules each thread on its own). A
/// refusal is logged at debug level and ignored: the thread runs on at its old priority.
void run_this_thread_at(std::optional<int> nice);

class DeliveryPool {
  public:
    /// Each thread runs at nice value `nice` (see nice_below_this_thread); nullopt leaves
    /// priorities alone.
    explicit DeliveryPool(std::size_t max_threads, std::optional<int> nice = std::nullopt);
    /// join().
    ~DeliveryPool();
    DeliveryPool(const DeliveryPool&) = delete;
    DeliveryPool& operator=(const DeliveryPool&) = delete;

    /// Runs `job` on a pool thread: an idle one, a new one while fewer than max_threads
    /// run, else the first to come free. A job that throws is a bug: it is logged and the
    /// thread goes on.
    void post(std::function<void()> job);

    /// Runs every posted job to its end and joins the threads. Safe to call again; later
    /// posts start new threads.
    void join();

  private:
    void run();

    const std::size_t max_threads_;
    const std::optional<int> nice_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> jobs_;
    std::vector<std::thread> threads_;
    std::size_t idle_ = 0;
    bool joining_ = false;
};

}  // namespace firebreak::app
