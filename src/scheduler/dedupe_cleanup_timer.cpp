#include "firebreak/scheduler/dedupe_cleanup_timer.hpp"

#include <spdlog/spdlog.h>

#include <exception>

namespace firebreak::scheduler {

DedupeCleanupTimer::DedupeCleanupTimer(boost::asio::io_context& ioc, app::DedupeJanitor& janitor,
                                       std::chrono::steady_clock::duration every)
    : timer_(ioc), janitor_(janitor), every_(every) {}

void DedupeCleanupTimer::start() {
    stopped_ = false;
    current_ = {};
    wait_for(std::chrono::steady_clock::duration::zero());
}

void DedupeCleanupTimer::stop() {
    stopped_ = true;
    timer_.cancel();
}

void DedupeCleanupTimer::wait_for(std::chrono::steady_clock::duration wait) {
    timer_.expires_after(wait);
    timer_.async_wait([this, alive = std::weak_ptr(alive_)](const boost::system::error_code& ec) {
        if (alive.expired()) return;  // destroyed after this completion was queued
        on_timer(ec);
    });
}

void DedupeCleanupTimer::on_timer(const boost::system::error_code& ec) {
    // operation_aborted: stopped; nothing else cancels the timer.
    if (ec == boost::asio::error::operation_aborted || stopped_) return;
    try {
        const auto batch = janitor_.forget_batch();
        current_.deleted += batch.deleted;
        ++current_.batches;
        if (batch.full) {
            wait_for(
                std::chrono::steady_clock::duration::zero());  // the next batch, after the queue
            return;
        }
        end_pass(false);
    } catch (const std::exception& e) {
        // Locked past the busy timeout, disk full: the keys wait for the next pass.
        spdlog::error("dedupe cleanup: {}; trying again in {} min", e.what(),
                      std::chrono::duration_cast<std::chrono::minutes>(every_).count());
        end_pass(true);
    } catch (...) {
        spdlog::error("dedupe cleanup: unknown exception");
        end_pass(true);
    }
}

void DedupeCleanupTimer::end_pass(bool failed) {
    current_.failed = failed;
    if (current_.deleted > 0)
        spdlog::info("dedupe cleanup: deleted {} expired key(s) in {} batch(es)", current_.deleted,
                     current_.batches);
    last_ = current_;
    current_ = {};
    wait_for(every_);
}

}  // namespace firebreak::scheduler
