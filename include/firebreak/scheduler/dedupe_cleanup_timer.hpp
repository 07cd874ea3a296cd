#pragma once
// Runs the DedupeJanitor off the request path: a pass at start, then one every kEvery.

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>

#include "firebreak/app/dedupe_janitor.hpp"

namespace firebreak::scheduler {

/// A pass runs the janitor's batches until one comes back short. Between two batches the
/// timer goes back through `ioc`'s queue, so requests waiting there are answered first.
/// Runs on `ioc`'s one thread. It may be destroyed with a wait pending or a completion
/// already queued: those then do nothing. `janitor` must outlive it. No member throws: a
/// store that refuses ends the pass with a log line, and the next pass comes kEvery later.
class DedupeCleanupTimer {
  public:
    static constexpr std::chrono::minutes kEvery{10};

    struct Pass {
        int deleted = 0;
        int batches = 0;
        bool failed = false;
    };

    DedupeCleanupTimer(boost::asio::io_context& ioc, app::DedupeJanitor& janitor,
                       std::chrono::steady_clock::duration every = kEvery);
    DedupeCleanupTimer(const DedupeCleanupTimer&) = delete;  // handlers hold its address
    DedupeCleanupTimer& operator=(const DedupeCleanupTimer&) = delete;

    /// Queues the first pass (keys that expired while firebreak was down go first).
    void start();
    /// Cancels the timer; no batch runs after this.
    void stop();

    /// The last pass that ended; all zero before the first.
    const Pass& last_pass() const { return last_; }

  private:
    void wait_for(std::chrono::steady_clock::duration wait);
    void on_timer(const boost::system::error_code& ec);
    void end_pass(bool failed);

    boost::asio::steady_timer timer_;
    app::DedupeJanitor& janitor_;
    std::chrono::steady_clock::duration every_;
    bool stopped_ = true;
    Pass current_;
    Pass last_;
    /// Expires with the timer object; its handlers check it before touching `this`, since
    /// a completion queued before the destructor still runs after it.
    std::shared_ptr<const bool> alive_ = std::make_shared<const bool>(true);
};

}  // namespace firebreak::scheduler
