#pragma once
// The HTTP/1.1 server: one listener, one session per connection, all on an io_context the
// caller runs.

#include <boost/asio/io_context.hpp>
#include <boost/system/error_code.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "firebreak/http/router.hpp"
#include "firebreak/http/server_limits.hpp"

namespace boost::asio::ssl {
class context;
}

namespace firebreak::http {

class ConnectionTracker;
class Listener;

class Server {
  public:
    /// `router` must not change once listen() has been called. `ioc` must outlive the
    /// server and every connection it accepted (i.e. until ioc.run() has returned).
    /// With `tls` (see make_server_tls_context) every connection speaks HTTPS; without it,
    /// plain HTTP.
    Server(boost::asio::io_context& ioc, std::shared_ptr<const Router> router,
           ServerLimits limits = {}, std::shared_ptr<boost::asio::ssl::context> tls = nullptr);
    /// Calls stop(): no connection is accepted after the server is gone.
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

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
    /// Connection: close), closes idle connections at once. ioc.run() returns when the last
    /// connection has closed; each is bounded by read_deadline and write_deadline.
    void stop();

  private:
    boost::asio::io_context& ioc_;
    std::shared_ptr<const Router> router_;
    ServerLimits limits_;
    std::shared_ptr<boost::asio::ssl::context> tls_;
    std::shared_ptr<ConnectionTracker> connections_;
    std::shared_ptr<Listener> listener_;
    std::uint16_t port_ = 0;
};

}  // namespace firebreak::http
