#include "delivery_pool.hpp"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>

namespace firebreak::app {

std::optional<int> nice_below_this_thread(int steps) {
    if (steps <= 0) return std::nullopt;
    // On Linux, PRIO_PROCESS with a thread id names that one thread.
    errno = 0;
    const int current = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
    if (current == -1 && errno != 0) {
        spdlog::debug("could not read this thread's priority: {}", std::strerror(errno));
        return std::nullopt;
    }
    return std::min(current + steps, 19);
}

void run_this_thread_at(std::optional<int> nice) {
    if (!nice) return;
    if (::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), *nice) != 0)
        spdlog::debug("could not run this thread at nice {}: {}", *nice, std::strerror(errno));
}

DeliveryPool::DeliveryPool(std::size_t max_threads, std::optional<int> nice)
    : max_threads_(std::max<std::size_t>(max_threads, 1)), nice_(nice) {}

DeliveryPool::~DeliveryPool() {
    join();
}

void DeliveryPool::post(std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
        // Idle threads that were notified but have not woken yet still count as idle.
        if (idle_ < jobs_.size() && threads_.size() < max_threads_)
            threads_.emplace_back([this] { run(); });
    }
    ready_.notify_one();
}

void DeliveryPool::join() {
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(mutex_);
        joining_ = true;
        threads.swap(threads_);
    }
    ready_.notify_all();
    for (std::thread& thread : threads) thread.join();
    std::lock_guard lock(mutex_);
    joining_ = false;
}

void DeliveryPool::run() {
    run_this_thread_at(nice_);
    std::unique_lock lock(mutex_);
    while (true) {
        ++idle_;
        ready_.wait(lock, [this] { return joining_ || !jobs_.empty(); });
        --idle_;
        if (jobs_.empty()) return;  // joining, and nothing left to run
        std::function<void()> job = std::move(jobs_.front());
        jobs_.pop_front();
        lock.unlock();
        try {
            job();
        } catch (const std::exception& e) {
            spdlog::error("outbox delivery thread: {}", e.what());
        } catch (...) {
            spdlog::error("outbox delivery thread: an exception that is not std::exception");
        }
        lock.lock();
    }
}

}  // namespace firebreak::app
