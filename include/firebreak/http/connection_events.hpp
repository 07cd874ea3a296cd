#pragma once
// What the server does to connections that misbehave or crowd it, counted instead of logged:
// a flood of them must not fill the disk.

#include <functional>
#include <string_view>

namespace firebreak::http {

enum class ConnectionEvent {
    refused,             // at max_connections with none idle: answered 503 and closed
    reclaimed,           // the oldest idle connection, closed to admit a new one at the cap
    first_byte_timeout,  // a new connection sent nothing within first_byte_deadline
    idle_timeout,        // a kept-alive connection sent no next request within idle_timeout
    request_timeout,     // a request not fully read within read_deadline: 408
    header_too_large,    // a header block over 16 KiB: 431
    body_too_large,      // a body over body_limit: 413
    bad_request,         // bytes that are not HTTP/1.1: 400
    accept_failed,       // accept() failed (e.g. out of descriptors); retried after a pause
};

/// The label a metric shows for `event`: "refused", "reclaimed", "first_byte_timeout", …
std::string_view to_string(ConnectionEvent event);

/// Called on the connection's own thread for each event; must be cheap and must not throw.
using ConnectionObserver = std::function<void(ConnectionEvent)>;

}  // namespace firebreak::http
