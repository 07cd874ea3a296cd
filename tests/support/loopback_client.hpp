#pragma once
// A blocking HTTP/1.1 client for tests: one connection to 127.0.0.1:port, plain or TLS. Every
// call is bounded by `guard`, so a server that never answers fails the test instead of
// hanging it.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "firebreak/http/message.hpp"

namespace firebreak::http::testing {

class LoopbackClient {
  public:
    /// Connects over plain TCP; throws boost::system::system_error when it cannot.
    explicit LoopbackClient(std::uint16_t port,
                            std::chrono::milliseconds guard = std::chrono::seconds(5));

    /// Connects and handshakes TLS, verifying the server with `tls`; throws on failure.
    LoopbackClient(std::uint16_t port, boost::asio::ssl::context& tls,
                   std::chrono::milliseconds guard = std::chrono::seconds(5));

    /// Writes `bytes` verbatim (malformed or partial requests). The error, if any.
    boost::system::error_code send_raw(std::string_view bytes);

    /// Writes `request` after filling in Host and Content-Length. The error, if any.
    boost::system::error_code send(Request request);

    /// Reads one response; throws boost::system::system_error on error, close or guard timeout.
    Response read_response();

    /// send() then read_response().
    Response request(Request request);

    /// Waits for the server to close the connection: true on a close (EOF, reset, TLS
    /// close_notify or truncation), false when bytes arrive or the guard expires first.
    bool wait_for_close();

  private:
    using Plain = boost::beast::tcp_stream;
    using Tls = boost::beast::ssl_stream<boost::beast::tcp_stream>;

    void connect(std::uint16_t port);
    /// Runs the io_context until the pending operation completes.
    void run();

    boost::asio::io_context ioc_;
    std::variant<Plain, Tls> stream_;
    boost::beast::flat_buffer buffer_;
    std::chrono::milliseconds guard_;
};

/// A request with the given method and target, HTTP/1.1, optional body.
Request make_request(Verb verb, std::string target, std::string body = {});

}  // namespace firebreak::http::testing
