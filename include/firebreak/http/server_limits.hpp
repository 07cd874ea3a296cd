#pragma once
// The bounds every connection is held to, so that no client can hold the server.

#include <chrono>
#include <cstddef>

namespace firebreak::http {

struct ServerLimits {
    /// Largest request body; a larger one is answered 413 without reading it, then closed.
    std::size_t body_limit = 1024 * 1024;
    /// Time to receive one request's header and body, from its first byte (and, on a new
    /// connection, for that first byte to arrive). Exceeded mid-request: 408, then close.
    std::chrono::milliseconds read_deadline{std::chrono::seconds(10)};
    /// How long a kept-alive connection may wait for its next request before it is closed.
    std::chrono::milliseconds idle_timeout{std::chrono::seconds(60)};
    /// Open connections at once; one more is answered 503 and closed.
    std::size_t max_connections = 512;
    /// Time to write one response; a client that does not read it is disconnected.
    std::chrono::milliseconds write_deadline{std::chrono::seconds(10)};
};

}  // namespace firebreak::http
