#pragma once
// Delivers the outbox to a platform after each commit: in order per conversation, paced,
// with retries that honour the platform's rate limits. Runs on its own thread with its own
// store connection, so a slow platform never holds up a command.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include "firebreak/app/clock.hpp"
#include "firebreak/app/delivery.hpp"

namespace firebreak::store {
class Store;
}

namespace firebreak::app {

struct OutboxWorkerOptions {
    /// Posts to one conversation at most this often (Slack allows about 1 per second).
    core::Duration post_interval = std::chrono::seconds(1);
    /// Retry n waits a random time in [b/2, b] with b = min(backoff_cap, backoff_base · 2^n).
    core::Duration backoff_base = std::chrono::seconds(1);
    core::Duration backoff_cap = std::chrono::minutes(5);
    /// How long an item is retried through transient trouble (429, 5xx, timeouts) before
    /// it counts as failed.
    core::Duration give_up_after = std::chrono::hours(6);
    std::uint64_t jitter_seed = std::random_device{}();
};

/// What happened to an item, for metrics and logs.
class OutboxObserver {
  public:
    virtual ~OutboxObserver() = default;
    virtual void delivered(const store::OutboxItem&) {}
    virtual void retried(const store::OutboxItem&, const std::string& /*error*/) {}
    virtual void failed(const store::OutboxItem&, const std::string& /*error*/) {}
};

class OutboxWorker {
  public:
    OutboxWorker(store::Store& store, const Clock& clock, OutboxDeliverer& deliverer,
                 OutboxWorkerOptions options = {});
    ~OutboxWorker();
    OutboxWorker(const OutboxWorker&) = delete;
    OutboxWorker& operator=(const OutboxWorker&) = delete;

    void set_observer(OutboxObserver* observer) { observer_ = observer; }

    /// One pass: attempts every item that may go now (the first pending item of each
    /// conversation, when its retry time and the post pacing allow). Returns when the next
    /// item may go: now if this pass delivered something (more may follow at once),
    /// nullopt when nothing is pending. Tests call this directly with a manual clock.
    std::optional<core::Timestamp> deliver_due();

    /// Runs deliver_due() on a thread of its own until stop(), waking at the time it
    /// returns or at poke().
    void start();
    /// Wakes the thread: something was committed. Safe from any thread.
    void poke();
    /// Finishes the attempt in progress and joins the thread. Idempotent.
    void stop();

  private:
    /// Applies `outcome` to `item`; queues a notice for a permanent failure. Returns when
    /// the item is tried again, nullopt when it is done (delivered or failed).
    std::optional<core::Timestamp> record(const store::OutboxItem& item,
                                          const std::string& conversation,
                                          const DeliveryOutcome& outcome, core::Timestamp now);
    core::Duration backoff(int attempts);
    void run();

    store::Store& store_;
    const Clock& clock_;
    OutboxDeliverer& deliverer_;
    OutboxWorkerOptions options_;
    OutboxObserver* observer_ = nullptr;
    std::mt19937_64 jitter_;
    std::map<std::string, core::Timestamp> last_post_;  ///< by conversation

    std::mutex mutex_;
    std::condition_variable wake_;
    bool poked_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace firebreak::app
