#include "connection_tracker.hpp"

#include <utility>
#include <vector>

namespace firebreak::http {

ConnectionTracker::ConnectionTracker(std::size_t max_connections)
    : max_connections_(max_connections) {}

bool ConnectionTracker::admit(const std::shared_ptr<Connection>& connection) {
    std::shared_ptr<Connection> reclaimed;
    {
        const std::lock_guard lock(mutex_);
        if (draining_) return false;
        while (open_count_ >= max_connections_ && idle_head_) {
            Connection* oldest = idle_head_;
            unlink_idle(oldest);
            unlink_open(oldest);
            // Null when its last reference is going: its destructor waits for this lock to
            // release it, which now finds it untracked. Either way its slot is free.
            reclaimed = oldest->self_.lock();
            if (reclaimed) break;
        }
        if (open_count_ >= max_connections_) return false;

        Connection* added = connection.get();
        added->self_ = connection;
        added->tracked_ = true;
        added->open_next_ = open_head_;
        if (open_head_) open_head_->open_prev_ = added;
        open_head_ = added;
        ++open_count_;
    }
    // Outside the lock: drain() posts to the connection's strand, and dropping what may be
    // the last reference runs its destructor, which calls release().
    if (reclaimed) {
        reclaimed->drain();
        note(ConnectionEvent::reclaimed);
    }
    reclaimed.reset();
    // Admitted idle: it has sent nothing yet.
    set_idle(connection.get(), true);
    return true;
}

void ConnectionTracker::set_idle(Connection* connection, bool idle) noexcept {
    const std::lock_guard lock(mutex_);
    if (!connection->tracked_ || connection->idle_ == idle) return;
    if (!idle) return unlink_idle(connection);
    connection->idle_ = true;
    connection->idle_prev_ = idle_tail_;
    connection->idle_next_ = nullptr;
    if (idle_tail_) {
        idle_tail_->idle_next_ = connection;
    } else {
        idle_head_ = connection;
    }
    idle_tail_ = connection;
}

void ConnectionTracker::release(Connection* connection) noexcept {
    const std::lock_guard lock(mutex_);
    if (!connection->tracked_) return;
    unlink_idle(connection);
    unlink_open(connection);
}

void ConnectionTracker::drain() {
    std::vector<std::weak_ptr<Connection>> open;
    {
        const std::lock_guard lock(mutex_);
        draining_ = true;
        open.reserve(open_count_);
        for (Connection* c = open_head_; c; c = c->open_next_) open.push_back(c->self_);
    }
    // Outside the lock: dropping the last reference to a connection runs its destructor,
    // which calls release().
    for (const auto& weak : open) {
        if (const auto connection = weak.lock()) connection->drain();
    }
}

void ConnectionTracker::note(ConnectionEvent event) const noexcept {
    if (!observer_) return;
    try {
        observer_(event);
    } catch (...) {
        // A counter that cannot count must not take a connection down with it.
    }
}

std::size_t ConnectionTracker::size() const {
    const std::lock_guard lock(mutex_);
    return open_count_;
}

void ConnectionTracker::unlink_idle(Connection* connection) noexcept {
    if (!connection->idle_) return;
    if (connection->idle_prev_) {
        connection->idle_prev_->idle_next_ = connection->idle_next_;
    } else {
        idle_head_ = connection->idle_next_;
    }
    if (connection->idle_next_) {
        connection->idle_next_->idle_prev_ = connection->idle_prev_;
    } else {
        idle_tail_ = connection->idle_prev_;
    }
    connection->idle_prev_ = connection->idle_next_ = nullptr;
    connection->idle_ = false;
}

void ConnectionTracker::unlink_open(Connection* connection) noexcept {
    if (!connection->tracked_) return;
    if (connection->open_prev_) {
        connection->open_prev_->open_next_ = connection->open_next_;
    } else {
        open_head_ = connection->open_next_;
    }
    if (connection->open_next_) connection->open_next_->open_prev_ = connection->open_prev_;
    connection->open_prev_ = connection->open_next_ = nullptr;
    connection->tracked_ = false;
    --open_count_;
}

std::string_view to_string(ConnectionEvent event) {
    switch (event) {
        case ConnectionEvent::refused:
            return "refused";
        case ConnectionEvent::reclaimed:
            return "reclaimed";
        case ConnectionEvent::first_byte_timeout:
            return "first_byte_timeout";
        case ConnectionEvent::idle_timeout:
            return "idle_timeout";
        case ConnectionEvent::request_timeout:
            return "request_timeout";
        case ConnectionEvent::header_too_large:
            return "header_too_large";
        case ConnectionEvent::body_too_large:
            return "body_too_large";
        case ConnectionEvent::bad_request:
            return "bad_request";
        case ConnectionEvent::accept_failed:
            return "accept_failed";
    }
    return "unknown";
}

}  // namespace firebreak::http
