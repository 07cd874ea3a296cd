#pragma once
// The bounds every connection is held to, so that no client can hold the server.

#include <chrono>
#include <cstddef>

namespace firebreak::http {

struct ServerLimits {
    /// Largest request body; a larger one is answered 413 without reading it, then closed.
    std::size_t body_limit = 1024 * 1024;
    /// Time to receive one request's header and body, from its first byte. Exceeded
    /// mid-request: 408, then close. Slowloris clients (a header byte a second) end here.
    std::chrono::milliseconds read_deadline{std::chrono::seconds(10)};
    /// How long a new connection may send nothing (over TLS: finish its handshake) before it
    /// is closed. Shorter than read_deadline: a silent connection costs a slot and owes
    /// nothing.
    std::chrono::milliseconds first_byte_deadline{std::chrono::seconds(3)};
    /// How long a kept-alive connection may wait for its next request before it is closed.
    std::chrono::milliseconds idle_timeout{std::chrono::seconds(60)};
    /// Open connections at once. One more closes the connection idle the longest (sent
    /// nothing yet, or waiting between keep-alive requests); with none idle it is answered
    /// 503 and closed. `firebreak serve` sets it from the descriptor limit
    /// (connection_cap_from_fd_limit).
    std::size_t max_connections = 512;
    /// Time to write one response; a client that does not read it is disconnected.
    std::chrono::milliseconds write_deadline{std::chrono::seconds(10)};
};

}  // namespace firebreak::http
