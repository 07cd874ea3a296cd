#pragma once
// What the server needs from an open connection, whatever its stream type.

namespace firebreak::http {

class Connection {
  public:
    virtual ~Connection() = default;

    /// Begins a graceful close, from any thread: a request being read or answered completes
    /// with Connection: close; an idle connection closes at once.
    virtual void drain() = 0;
};

}  // namespace firebreak::http
