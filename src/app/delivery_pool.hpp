#pragma once
// The threads an outbox worker runs its delivery attempts on: started as attempts need them,
// up to a limit, and joined when the worker stops.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace firebreak::app {

class DeliveryPool {
  public:
    explicit DeliveryPool(std::size_t max_threads);
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
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> jobs_;
    std::vector<std::thread> threads_;
    std::size_t idle_ = 0;
    bool joining_ = false;
};

}  // namespace firebreak::app
