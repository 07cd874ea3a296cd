#pragma once
// The open connections: counted against max_connections, the idle ones reclaimed oldest first
// when a new one arrives at the cap, all drained together on stop.

#include <cstddef>
#include <memory>
#include <mutex>

#include "connection.hpp"
#include "firebreak/http/connection_events.hpp"

namespace firebreak::http {

/// Thread-safe: the listener admits, sessions mark themselves idle or busy and release from
/// their own strands.
class ConnectionTracker {
  public:
    explicit ConnectionTracker(std::size_t max_connections);

    /// Set before the first admit().
    void set_observer(ConnectionObserver observer) { observer_ = std::move(observer); }

    /// Counts `connection` as open (and idle: it has sent nothing yet). At max_connections,
    /// the connection idle the longest is drained to make room; with none idle, or after
    /// drain(), false: the caller refuses the connection. A reclaimed connection is gone
    /// from the count at once, so at most max_connections are counted.
    bool admit(const std::shared_ptr<Connection>& connection);

    /// An admitted connection waits for a request (`idle`), or has started one. Idle
    /// connections are the ones admit() may reclaim, oldest idle first.
    void set_idle(Connection* connection, bool idle) noexcept;

    /// Forgets `connection` (called from its destructor). Unknown connections are ignored.
    void release(Connection* connection) noexcept;

    /// Drains every open connection and refuses any later one.
    void drain();

    /// Reports `event` to the observer, if any.
    void note(ConnectionEvent event) const noexcept;

    std::size_t size() const;

  private:
    void unlink_idle(Connection* connection) noexcept;
    void unlink_open(Connection* connection) noexcept;

    const std::size_t max_connections_;
    ConnectionObserver observer_;
    mutable std::mutex mutex_;
    bool draining_ = false;
    std::size_t open_count_ = 0;
    Connection* open_head_ = nullptr;
    Connection* idle_head_ = nullptr;  // oldest idle first
    Connection* idle_tail_ = nullptr;
};

}  // namespace firebreak::http
