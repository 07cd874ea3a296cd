#pragma once
// An outbound WebSocket client (RFC 6455) for Slack's Socket Mode: wss:// with the
// certificate and host name verified as the HTTPS client does, ws:// for loopback tests.
// Asynchronous, on an io_context the caller runs; every handler runs on that io_context.

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace boost::asio::ssl {
class context;
}

namespace firebreak::http {

struct WebSocketOptions {
    /// DNS + TCP connect + TLS handshake + the WebSocket upgrade, together.
    std::chrono::milliseconds connect_timeout{10000};
    /// A message larger than this is read to its end and dropped (reported as skipped).
    std::size_t max_message_size = 1024 * 1024;
    /// Writes queued and not yet sent beyond this many close the connection: the peer
    /// stopped reading.
    std::size_t max_queued_writes = 4096;
    std::string user_agent = "firebreak";
};

/// What the connection reports; every member may be empty.
struct WebSocketHandlers {
    /// The upgrade succeeded: send() may be called.
    std::function<void()> opened;
    /// One whole text message.
    std::function<void(std::string text)> text;
    /// A message that was dropped: "binary frame" or "oversized message (N bytes)".
    std::function<void(std::string why)> skipped;
    /// A ping or pong from the peer: the link is alive.
    std::function<void()> control;
    /// Called exactly once, when the connection is over (or never opened): why, for the log.
    std::function<void(std::string why)> closed;
};

/// A TLS client context for wss:// as the HTTPS client sets it up: TLS 1.2 or newer,
/// the system's trust store plus `ca_file` if set, peer verification on. Throws
/// boost::system::system_error when `ca_file` cannot be read.
std::shared_ptr<boost::asio::ssl::context> make_client_tls_context(const std::string& ca_file);

class WebSocket {
  public:
    virtual ~WebSocket() = default;
    /// Queues a text message; dropped once the connection is closing.
    virtual void send(std::string text) = 0;
    /// Sends a ping.
    virtual void ping() = 0;
    /// Sends what is queued, then a close frame (code 1000), then closes. Before the
    /// upgrade has completed, closes at once, as abort() does.
    virtual void close() = 0;
    /// Closes the TCP connection at once.
    virtual void abort() = 0;
};

/// Starts connecting to `url` (ws:// or wss://; a bad URL is reported through `closed`).
/// `tls` is needed for wss:// (see make_client_tls_context). The connection lives while
/// it has I/O pending or the returned pointer is held.
std::shared_ptr<WebSocket> connect_websocket(boost::asio::io_context& ioc, std::string_view url,
                                             std::shared_ptr<boost::asio::ssl::context> tls,
                                             WebSocketOptions options, WebSocketHandlers handlers);

}  // namespace firebreak::http
