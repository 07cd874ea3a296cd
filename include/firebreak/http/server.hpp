#pragma once
// The HTTP/1.1 server: one listener and one session per connection, on an io_context the
// caller runs (or on an IoThread's, with requests routed on the caller's).

#include <boost/asio/io_context.hpp>
#include <boost/system/error_code.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "firebreak/http/connection_events.hpp"
#include "firebreak/http/router.hpp"
#include "firebreak/http/server_limits.hpp"

namespace boost::asio::ssl {
class context;
}

namespace firebreak::http {

class ConnectionTracker;
class Dispatcher;
class Listener;

/// Group commit for requests that arrive together (see Server::set_batching). The server
/// calls open(), routes the group's requests one after another, calls close(), and only
/// then sends their responses: none is acknowledged before what it did is durable. GET and
/// HEAD requests change nothing and are answered outside any group.
struct Batching {
    /// Opens the unit of work the group's requests are routed in. When it throws, they are
    /// routed one by one outside any group.
    std::function<void()> open;
    /// Ends it after the last request of the group: true when everything they did is
    /// durable; false (or a throw) when none of it was kept, and each request is answered
    /// 503 instead of with its response.
    std::function<bool()> close;
    /// At most this many requests in one group; the rest wait for the next.
    std::size_t max_requests = 64;
};

class Server {
  public:
    /// `router` must not change once listen() has been called. `ioc` must outlive the
    /// server and every connection it accepted (i.e. until ioc.run() has returned).
    /// With `tls` (see make_server_tls_context) every connection speaks HTTPS; without it,
    /// plain HTTP.
    Server(boost::asio::io_context& ioc, std::shared_ptr<const Router> router,
           ServerLimits limits = {}, std::shared_ptr<boost::asio::ssl::context> tls = nullptr);
    /// As above, with the connections (accepting, reading, TLS, writing) on `connections`,
    /// typically an IoThread's, and every request routed on `app`: the handlers and the
    /// batching run only on `app`'s thread. Both contexts must outlive the server and its
    /// connections.
    Server(boost::asio::io_context& app, boost::asio::io_context& connections,
           std::shared_ptr<const Router> router, ServerLimits limits = {},
           std::shared_ptr<boost::asio::ssl::context> tls = nullptr);
    /// Calls stop(): no connection is accepted after the server is gone.
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Routes the requests that arrived together (those read while the previous group was
    /// being routed, or in the same wake-up) as one group (see Batching). Without
    /// it, each request is routed as soon as it has been read. Call before listen().
    void set_batching(Batching batching) { batching_ = std::move(batching); }

    /// The word its log lines start with ("http" unless set), to tell listeners apart:
    /// "admin: listening on 127.0.0.1:9090 (http)". Call before listen().
    void set_name(std::string name) { name_ = std::move(name); }

    /// Counts what the server does to misbehaving or crowding connections (see
    /// ConnectionEvent), from the connections' threads. Call before listen().
    void set_connection_observer(ConnectionObserver observer);

    /// Connections open now (admitted, not yet closed). Safe from any thread.
    std::size_t open_connections() const;

    /// Binds `address:port` (port 0: any free port) and starts accepting once the io_context
    /// runs. Returns the bound port, or 0 with `ec` set (bad address, port in use, or already
    /// listening). Call once, before stop().
    std::uint16_t listen(const std::string& address, std::uint16_t port,
                         boost::system::error_code& ec);
    /// As above; throws boost::system::system_error on failure.
    std::uint16_t listen(const std::string& address, std::uint16_t port);

    /// The bound port, 0 before a successful listen().
    std::uint16_t port() const { return port_; }

    /// Graceful shutdown; safe from any thread, any number of times. Stops accepting, lets
    /// requests already being read or answered finish (their responses carry
    /// Connection: close), closes idle connections at once. The connections' context has
    /// nothing left of this server once the last connection has closed (an IoThread's run
    /// ends then, if released); each is bounded by read_deadline and write_deadline.
    void stop();

  private:
    boost::asio::io_context& app_;
    boost::asio::io_context& connections_ioc_;
    std::shared_ptr<const Router> router_;
    std::optional<Batching> batching_;
    ServerLimits limits_;
    std::shared_ptr<boost::asio::ssl::context> tls_;
    std::shared_ptr<ConnectionTracker> connections_;
    std::shared_ptr<Listener> listener_;
    std::uint16_t port_ = 0;
    std::string name_ = "http";
};

}  // namespace firebreak::http
