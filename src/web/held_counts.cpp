#include "firebreak/web/held_counts.hpp"

#include <utility>

namespace firebreak::web {

void HeldCounts::count(std::function<void()> count) {
    {
        std::lock_guard lock(mutex_);
        if (holding_) {
            held_.push_back(std::move(count));
            return;
        }
    }
    count();
}

void HeldCounts::hold() {
    std::lock_guard lock(mutex_);
    holding_ = true;
}

void HeldCounts::release(bool kept) {
    std::vector<std::function<void()>> counts;
    {
        std::lock_guard lock(mutex_);
        holding_ = false;
        counts.swap(held_);
    }
    if (!kept) return;
    for (auto& count : counts) count();
}

http::Batching holding_counts(http::Batching batching, std::shared_ptr<HeldCounts> counts) {
    auto open = [open = std::move(batching.open), counts] {
        open();  // when it throws, the requests commit one by one: nothing to hold
        counts->hold();
    };
    auto close = [close = std::move(batching.close), counts] {
        bool kept = false;
        try {
            kept = close();
        } catch (...) {
            counts->release(false);
            throw;
        }
        counts->release(kept);
        return kept;
    };
    return http::Batching{std::move(open), std::move(close), batching.max_requests};
}

}  // namespace firebreak::web
