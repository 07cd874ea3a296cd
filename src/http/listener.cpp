#include "listener.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <utility>

#include "connection_tracker.hpp"
#include "session.hpp"

namespace firebreak::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using error_code = beast::error_code;
using tcp = asio::ip::tcp;

// Pause after a failed accept (e.g. EMFILE, out of descriptors): retrying at once would spin.
constexpr std::chrono::milliseconds accept_backoff{100};

}  // namespace

Listener::Listener(asio::io_context& ioc, std::shared_ptr<Dispatcher> dispatcher,
                   const ServerLimits& limits, std::shared_ptr<asio::ssl::context> tls,
                   std::shared_ptr<ConnectionTracker> connections)
    : ioc_(ioc),
      acceptor_(asio::make_strand(ioc)),
      backoff_(acceptor_.get_executor()),
      dispatcher_(std::move(dispatcher)),
      limits_(limits),
      tls_(std::move(tls)),
      connections_(std::move(connections)) {}

tcp::endpoint Listener::open(const tcp::endpoint& endpoint, error_code& ec) {
    // Asio's error_code overloads return void when BOOST_ASIO_NO_DEPRECATED is set: test ec.
    tcp::endpoint bound;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (!ec) bound = acceptor_.local_endpoint(ec);
    if (ec) {
        error_code ignored;
        acceptor_.close(ignored);
        return {};
    }
    return bound;
}

void Listener::run() {
    asio::dispatch(acceptor_.get_executor(),
                   beast::bind_front_handler(&Listener::do_accept, shared_from_this()));
}

void Listener::stop() {
    asio::post(acceptor_.get_executor(),
               beast::bind_front_handler(&Listener::on_stop, shared_from_this()));
}

void Listener::do_accept() {
    // Each connection gets its own strand, so its handlers never run concurrently even when
    // several threads run the io_context.
    acceptor_.async_accept(asio::make_strand(ioc_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(error_code ec, tcp::socket socket) {
    // operation_aborted, or a connection accepted just before: stop() closed the acceptor.
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
        // Once per run of failures: out of descriptors under a flood would otherwise log ten
        // lines a second for as long as it lasts.
        if (!accept_failing_) {
            spdlog::warn("http: accept: {} (retrying; counted in /metrics)", ec.message());
        } else {
            spdlog::debug("http: accept: {}", ec.message());
        }
        accept_failing_ = true;
        connections_->note(ConnectionEvent::accept_failed);
        backoff_.expires_after(accept_backoff);
        return backoff_.async_wait(
            beast::bind_front_handler(&Listener::on_backoff, shared_from_this()));
    }

    accept_failing_ = false;
    error_code ignored;  // Nagle only delays small responses; not worth refusing a client
    socket.set_option(tcp::no_delay(true), ignored);
    if (tls_) {
        std::make_shared<Session<TlsStream>>(TlsStream(std::move(socket), *tls_), tls_, dispatcher_,
                                             limits_, connections_)
            ->run();
    } else {
        std::make_shared<Session<PlainStream>>(PlainStream(std::move(socket)), nullptr, dispatcher_,
                                               limits_, connections_)
            ->run();
    }
    do_accept();
}

void Listener::on_backoff(error_code ec) {
    if (ec) return;  // operation_aborted: stop() cancelled the pause
    do_accept();
}

void Listener::on_stop() {
    error_code ignored;
    acceptor_.close(ignored);
    backoff_.cancel();
    // After the close, on this strand: every session accepted so far has been admitted, and no
    // later one will be.
    connections_->drain();
}

}  // namespace firebreak::http
