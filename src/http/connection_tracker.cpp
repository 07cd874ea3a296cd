#include "connection_tracker.hpp"

#include <vector>

namespace firebreak::http {

ConnectionTracker::ConnectionTracker(std::size_t max_connections)
    : max_connections_(max_connections) {}

bool ConnectionTracker::admit(const std::shared_ptr<Connection>& connection) {
    const std::lock_guard lock(mutex_);
    if (draining_ || open_.size() >= max_connections_) return false;
    open_.emplace(connection.get(), connection);
    return true;
}

void ConnectionTracker::release(const Connection* connection) noexcept {
    const std::lock_guard lock(mutex_);
    open_.erase(connection);
}

void ConnectionTracker::drain() {
    std::vector<std::weak_ptr<Connection>> open;
    {
        const std::lock_guard lock(mutex_);
        draining_ = true;
        open.reserve(open_.size());
        for (const auto& [key, connection] : open_) open.push_back(connection);
    }
    // Outside the lock: dropping the last reference to a connection runs its destructor,
    // which calls release().
    for (const auto& weak : open) {
        if (const auto connection = weak.lock()) connection->drain();
    }
}

std::size_t ConnectionTracker::size() const {
    const std::lock_guard lock(mutex_);
    return open_.size();
}

}  // namespace firebreak::http
