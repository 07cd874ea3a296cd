#pragma once
// Accepts connections and gives each one a Session on its own strand.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <memory>

#include "firebreak/http/server_limits.hpp"

namespace firebreak::http {

class ConnectionTracker;
class Dispatcher;

class Listener : public std::enable_shared_from_this<Listener> {
  public:
    /// With `tls`, every connection is HTTPS; without, plain HTTP.
    Listener(boost::asio::io_context& ioc, std::shared_ptr<Dispatcher> dispatcher,
             const ServerLimits& limits, std::shared_ptr<boost::asio::ssl::context> tls,
             std::shared_ptr<ConnectionTracker> connections);

    /// Opens, binds and listens on `endpoint`. The bound endpoint (port 0 resolved), or a
    /// default endpoint with `ec` set.
    boost::asio::ip::tcp::endpoint open(const boost::asio::ip::tcp::endpoint& endpoint,
                                        boost::beast::error_code& ec);

    /// Starts accepting (once the io_context runs).
    void run();

    /// From any thread: closes the acceptor, then drains every admitted connection.
    void stop();

  private:
    void do_accept();
    void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);
    void on_backoff(boost::beast::error_code ec);
    void on_stop();

    boost::asio::io_context& ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer backoff_;
    const std::shared_ptr<Dispatcher> dispatcher_;
    const ServerLimits limits_;
    const std::shared_ptr<boost::asio::ssl::context> tls_;
    const std::shared_ptr<ConnectionTracker> connections_;
    bool accept_failing_ = false;  // the last accept failed: log the next failure at debug
};

}  // namespace firebreak::http
