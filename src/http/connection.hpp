#pragma once
// What the server needs from an open connection, whatever its stream type.

#include <memory>

namespace firebreak::http {

class ConnectionTracker;

class Connection {
  public:
    virtual ~Connection() = default;

    /// Begins a graceful close, from any thread: a request being read or answered completes
    /// with Connection: close; an idle connection closes at once.
    virtual void drain() = 0;

  private:
    // The tracker's bookkeeping, guarded by its mutex: intrusive links, so that marking a
    // connection idle or busy on every request allocates nothing and looks nothing up.
    friend class ConnectionTracker;
    std::weak_ptr<Connection> self_;
    Connection* open_prev_ = nullptr;
    Connection* open_next_ = nullptr;
    Connection* idle_prev_ = nullptr;
    Connection* idle_next_ = nullptr;
    bool tracked_ = false;
    bool idle_ = false;
};

}  // namespace firebreak::http
