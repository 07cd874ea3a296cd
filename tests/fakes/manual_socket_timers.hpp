#pragma once
// Socket Mode's timers on a clock that moves only when a test says so: advance() posts
// what fell due onto the io_context that runs Socket Mode.

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <map>
#include <mutex>

#include "firebreak/slack/socket_mode.hpp"

namespace firebreak::fakes {

class ManualSocketTimers final : public slack::SocketTimers {
  public:
    explicit ManualSocketTimers(boost::asio::io_context& ioc) : ioc_(ioc) {}

    TimePoint now() const override {
        std::lock_guard lock(mutex_);
        return now_;
    }
    void after(std::chrono::milliseconds delay, std::function<void()> fn) override {
        std::lock_guard lock(mutex_);
        due_.emplace(now_ + delay, std::move(fn));
    }

    void cancel_all() override {
        std::lock_guard lock(mutex_);
        due_.clear();
    }

    /// Moves time on by `by`, running (on the io_context) what fell due, in order.
    void advance(std::chrono::milliseconds by) {
        std::lock_guard lock(mutex_);
        now_ += by;
        while (!due_.empty() && due_.begin()->first <= now_) {
            boost::asio::post(ioc_, std::move(due_.begin()->second));
            due_.erase(due_.begin());
        }
    }
    /// When the next timer falls due; nullopt when none is waiting.
    std::optional<std::chrono::milliseconds> next_in() const {
        std::lock_guard lock(mutex_);
        if (due_.empty()) return std::nullopt;
        return std::chrono::duration_cast<std::chrono::milliseconds>(due_.begin()->first - now_);
    }

  private:
    boost::asio::io_context& ioc_;
    mutable std::mutex mutex_;
    TimePoint now_{std::chrono::hours(1)};
    std::multimap<TimePoint, std::function<void()>> due_;
};

}  // namespace firebreak::fakes
