#pragma once
// One client connection: read a request, route it, write the response, and again while the
// client keeps the connection alive.

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <type_traits>

#include "connection.hpp"
#include "dispatcher.hpp"
#include "firebreak/http/message.hpp"
#include "firebreak/http/server_limits.hpp"

namespace firebreak::http {

class ConnectionTracker;

using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

/// HTTP/1.1 over PlainStream or TlsStream, in the shape of Beast's server-flex sessions. The
/// two differ only in on_run() (TLS handshakes first) and do_close() (TLS says close_notify);
/// every timeout and cancellation goes through the TCP layer beneath.
///
/// All members run on the stream's strand; drain() is the one entry point from elsewhere.
template <class Stream>
class Session : public Connection, public std::enable_shared_from_this<Session<Stream>> {
  public:
    /// `tls` is the context a TlsStream was built with (kept alive as long as the stream),
    /// nullptr for a PlainStream.
    Session(Stream stream, std::shared_ptr<boost::asio::ssl::context> tls,
            std::shared_ptr<Dispatcher> dispatcher, const ServerLimits& limits,
            std::shared_ptr<ConnectionTracker> connections);
    ~Session() override;

    /// Starts serving. Call on the listener's strand: admission happens here, synchronously,
    /// so that a stop() queued after it drains this session too. Refused admission (over
    /// max_connections, or stopping) is answered 503 and closed; over TLS it is closed at once,
    /// a handshake being too dear to spend on a refusal.
    void run();

    void drain() override;

  private:
    static constexpr bool is_tls = std::is_same_v<Stream, TlsStream>;

    enum class Phase { awaiting, reading, routing, writing, lingering, closed };
    /// What follows a response.
    enum class Then { read_next, close, linger };

    void on_run();
    void on_handshake(boost::beast::error_code ec);
    void do_await();
    void on_await(boost::beast::error_code ec, std::size_t bytes);
    void do_read();
    void on_read(boost::beast::error_code ec, std::size_t bytes);
    /// The router's response to the request read last (on the stream's strand).
    void on_routed(Response response, unsigned version, bool keep_alive);
    void on_deadline(std::uint64_t read, boost::beast::error_code ec);
    void respond(Response response, Then then);
    void on_write(Then then, boost::beast::error_code ec, std::size_t bytes);
    void do_linger();
    void do_discard();
    void on_discard(boost::beast::error_code ec, std::size_t bytes);
    void do_close();
    void on_shutdown(boost::beast::error_code ec);
    void on_drain();

    const std::shared_ptr<boost::asio::ssl::context> tls_;  // declared first: outlives stream_
    Stream stream_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    Response response_;
    boost::asio::steady_timer deadline_;

    const std::shared_ptr<Dispatcher> dispatcher_;
    const ServerLimits limits_;
    const std::shared_ptr<ConnectionTracker> connections_;

    Phase phase_ = Phase::awaiting;
    bool admitted_ = false;
    bool draining_ = false;
    bool deadline_hit_ = false;
    std::uint64_t reads_ = 0;   // requests started, to tell a stale deadline from the current
    std::uint64_t served_ = 0;  // requests answered by the router
};

extern template class Session<PlainStream>;
extern template class Session<TlsStream>;

}  // namespace firebreak::http
