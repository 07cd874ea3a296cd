#include "firebreak/http/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/error.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/system/system_error.hpp>
#include <utility>

#include "connection_tracker.hpp"
#include "dispatcher.hpp"
#include "listener.hpp"

namespace firebreak::http {

Server::Server(boost::asio::io_context& ioc, std::shared_ptr<const Router> router,
               ServerLimits limits, std::shared_ptr<boost::asio::ssl::context> tls)
    : Server(ioc, ioc, std::move(router), limits, std::move(tls)) {}

Server::Server(boost::asio::io_context& app, boost::asio::io_context& connections,
               std::shared_ptr<const Router> router, ServerLimits limits,
               std::shared_ptr<boost::asio::ssl::context> tls)
    : app_(app),
      connections_ioc_(connections),
      router_(std::move(router)),
      limits_(limits),
      tls_(std::move(tls)),
      connections_(std::make_shared<ConnectionTracker>(limits.max_connections)) {}

Server::~Server() {
    stop();
}

std::uint16_t Server::listen(const std::string& address, std::uint16_t port,
                             boost::system::error_code& ec) {
    if (listener_) {
        ec = boost::asio::error::already_open;
        return 0;
    }
    const auto ip = boost::asio::ip::make_address(address, ec);
    if (ec) return 0;

    auto dispatcher = std::make_shared<Dispatcher>(app_, router_, batching_);
    auto listener = std::make_shared<Listener>(connections_ioc_, std::move(dispatcher), limits_,
                                               tls_, connections_);
    const auto bound = listener->open({ip, port}, ec);
    if (ec) return 0;

    listener_ = std::move(listener);
    port_ = bound.port();
    spdlog::info("{}: listening on {}:{} ({})", name_, bound.address().to_string(), port_,
                 tls_ ? "https" : "http");
    listener_->run();
    return port_;
}

std::uint16_t Server::listen(const std::string& address, std::uint16_t port) {
    boost::system::error_code ec;
    const std::uint16_t bound = listen(address, port, ec);
    if (ec) throw boost::system::system_error(ec, "http listen on " + address);
    return bound;
}

void Server::set_connection_observer(ConnectionObserver observer) {
    connections_->set_observer(std::move(observer));
}

std::size_t Server::open_connections() const {
    return connections_->size();
}

void Server::stop() {
    if (listener_) listener_->stop();
}

}  // namespace firebreak::http
