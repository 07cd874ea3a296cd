#include "conversation_pacer.hpp"

#include <algorithm>
#include <utility>

namespace firebreak::app {
namespace {

/// Posts between two sweeps of the conversations nobody posted to lately.
constexpr int kSweepEvery = 256;

}  // namespace

ConversationPacer::ConversationPacer(Pacing pacing) : pacing_(std::move(pacing)) {
    for (const PacingRule& rule : pacing_.rules)
        if (rule.count > 0) longest_ = std::max(longest_, rule.window);
}

core::Timestamp ConversationPacer::allowed_at(const std::string& conversation,
                                              core::Timestamp now) const {
    auto found = recent_.find(conversation);
    if (found == recent_.end()) return now;
    const std::deque<core::Timestamp>& posts = found->second;
    core::Timestamp allowed = now;
    for (const PacingRule& rule : pacing_.rules) {
        auto count = static_cast<std::size_t>(rule.count);
        if (rule.count <= 0 || posts.size() < count) continue;
        // A new post may go once the count-th latest has left the window: then only
        // count - 1 posts remain in it.
        allowed = std::max(allowed, posts[posts.size() - count] + rule.window);
    }
    return allowed;
}

void ConversationPacer::posted(const std::string& conversation, core::Timestamp at) {
    if (longest_ <= core::Duration::zero()) return;
    std::deque<core::Timestamp>& posts = recent_[conversation];
    posts.insert(std::upper_bound(posts.begin(), posts.end(), at), at);
    while (!posts.empty() && posts.front() <= at - longest_) posts.pop_front();
    if (++posts_since_sweep_ >= kSweepEvery) {
        posts_since_sweep_ = 0;
        forget_before(at - longest_);
    }
}

void ConversationPacer::forget_before(core::Timestamp cutoff) {
    for (auto it = recent_.begin(); it != recent_.end();) {
        if (it->second.empty() || it->second.back() <= cutoff)
            it = recent_.erase(it);
        else
            ++it;
    }
}

}  // namespace firebreak::app
