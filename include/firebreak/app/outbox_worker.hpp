#pragma once
// Delivers the outbox to one platform after each commit, in lanes: concurrently across
// conversations, in order within one, paced as the platform says, with a reserved lane for
// time-critical items and retries that honour the platform's rate limits. Attempts run on a
// few threads of the worker's own, sharing its one store connection, so a slow platform
// never holds up a command, and a slow conversation only itself.

#include <condition_variable>
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "firebreak/app/clock.hpp"
#include "firebreak/app/delivery.hpp"

namespace firebreak::store {
class Store;
}

namespace firebreak::app {

class ConversationPacer;
class DeliveryPool;

struct OutboxWorkerOptions {
    /// Attempts in flight at once, across conversations (at most one per conversation).
    int max_in_flight = 8;
    /// Slots only urgent items (OutboxDeliverer::urgent) may take, beyond max_in_flight, so
    /// that a form opens even while max_in_flight slow calls are out. An urgent item takes
    /// a free normal slot when these are all busy.
    int urgent_slots = 2;
    /// Retry n waits a random time in [b/2, b] with b = min(backoff_cap, backoff_base · 2^n).
    core::Duration backoff_base = std::chrono::seconds(1);
    core::Duration backoff_cap = std::chrono::minutes(5);
    /// How long an item is retried through transient trouble (429, 5xx, timeouts) before
    /// it counts as failed.
    core::Duration give_up_after = std::chrono::hours(6);
    std::uint64_t jitter_seed = std::random_device{}();
    /// How many nice levels below the constructing thread the worker's threads run (its
    /// dispatch thread and every delivery thread). With the cores saturated, the thread that
    /// acknowledges requests (Slack's 3 s deadline) gets the CPU first; deliveries, which
    /// retry anyway, take the rest, and still all of it when requests leave the cores idle.
    /// 0 leaves priorities alone.
    int niceness = 10;
};

/// What happened to an item, for metrics and logs. Called on the worker's delivery threads,
/// one call at a time.
class OutboxObserver {
  public:
    virtual ~OutboxObserver() = default;
    virtual void delivered(const store::OutboxItem&) {}
    virtual void retried(const store::OutboxItem&, const std::string& /*error*/) {}
    virtual void failed(const store::OutboxItem&, const std::string& /*error*/) {}
};

class OutboxWorker {
  public:
    /// `store` is the worker's own connection; nothing else may use it. Pacing is read
    /// from `deliverer` once, here.
    OutboxWorker(store::Store& store, const Clock& clock, OutboxDeliverer& deliverer,
                 OutboxWorkerOptions options = {});
    /// stop().
    ~OutboxWorker();
    OutboxWorker(const OutboxWorker&) = delete;
    OutboxWorker& operator=(const OutboxWorker&) = delete;

    /// Set before start() or the first deliver_due().
    void set_observer(OutboxObserver* observer) { observer_ = observer; }

    /// One pass: starts every item that may go now (the first pending item of each
    /// conversation not already in flight, when its retry time and the conversation's pacing
    /// allow, urgent items first, within the in-flight bounds), runs them concurrently and
    /// returns once all of them are recorded. Returns when the next item may go: now if this
    /// pass finished something or left items for want of a slot (more may follow at once),
    /// nullopt when nothing is pending. For tests with a manual clock; not while start()ed.
    /// Throws store::StoreError when the pending items cannot be read.
    std::optional<core::Timestamp> deliver_due();

    /// Delivers on a thread of its own until stop(): starts what may go, then waits for an
    /// attempt to finish, a poke(), or the next due time, never for a whole pass.
    void start();
    /// Wakes the thread: something was committed. Safe from any thread.
    void poke();
    /// Finishes the attempts in flight, records them and joins every thread. Idempotent.
    void stop();

  private:
    struct Attempt;
    /// What one dispatch did.
    struct Dispatched {
        std::vector<std::future<std::optional<core::Timestamp>>> results;  ///< one per attempt
        std::optional<core::Timestamp> next;  ///< the earliest item it could not start yet
        bool lacked_slot = false;             ///< an item could go now but every slot was taken
    };

    /// Starts every attempt that may go at `now` on the pool. Throws store::StoreError.
    Dispatched dispatch(core::Timestamp now);
    /// Marks `attempt`'s lane busy, takes its slot and runs it on the pool; its result joins
    /// `out`. Holds lanes_mutex_.
    void launch(Attempt attempt, Dispatched& out);
    /// Runs on a pool thread: delivers, records, frees the lane and wakes the dispatcher.
    /// Returns when the item is tried again, nullopt when it is done. Never throws.
    std::optional<core::Timestamp> perform(const Attempt& attempt);
    /// Applies `outcome` to `item`; the caller holds store_mutex_. Queues a notice for a
    /// permanent failure. Returns when the item is tried again, nullopt when it is done.
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

    /// Every use of store_ holds it; never held during a platform call. Taken after
    /// lanes_mutex_ when both are held.
    std::mutex store_mutex_;
    std::mt19937_64 jitter_;  ///< under store_mutex_ (used by record)

    /// The lanes: what is in flight and what pacing allows.
    std::mutex lanes_mutex_;
    std::set<std::string> busy_lanes_;                    ///< lanes with an attempt in flight
    std::map<std::string, std::int64_t> busy_incidents_;  ///< "incident:N" lanes → N
    std::set<std::int64_t> busy_items_;                   ///< item ids in flight
    std::map<std::string, core::Timestamp> held_lanes_;   ///< lanes whose record failed
    std::map<std::string, std::uint64_t> last_started_;   ///< lane → starts_ at its last start
    std::uint64_t starts_ = 0;
    int normal_in_flight_ = 0;
    int urgent_in_flight_ = 0;
    std::unique_ptr<ConversationPacer> pacer_;

    /// The background thread's wake-ups.
    std::mutex wake_mutex_;
    std::condition_variable wake_;
    bool poked_ = false;
    bool finished_ = false;  ///< an attempt finished since the last pass
    bool stopping_ = false;
    std::thread thread_;
    std::optional<int> nice_;  ///< every worker thread's nice value; nullopt: left alone

    std::unique_ptr<DeliveryPool> pool_;  ///< last: joined before anything it uses goes
};

}  // namespace firebreak::app
