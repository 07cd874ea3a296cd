#pragma once
// The open connections: counted against max_connections, drained together on stop.

#include <cstddef>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "connection.hpp"

namespace firebreak::http {

/// Thread-safe: the listener admits, sessions release from their own strands.
class ConnectionTracker {
  public:
    explicit ConnectionTracker(std::size_t max_connections);

    /// Counts `connection` as open. False when max_connections are already open or drain()
    /// has been called; the caller then refuses the connection.
    bool admit(const std::shared_ptr<Connection>& connection);

    /// Forgets `connection` (called from its destructor). Unknown connections are ignored.
    void release(const Connection* connection) noexcept;

    /// Drains every open connection and refuses any later one.
    void drain();

    std::size_t size() const;

  private:
    const std::size_t max_connections_;
    mutable std::mutex mutex_;
    bool draining_ = false;
    std::unordered_map<const Connection*, std::weak_ptr<Connection>> open_;
};

}  // namespace firebreak::http
