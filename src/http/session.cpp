#include "session.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <utility>

#include "connection_tracker.hpp"

namespace firebreak::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using error_code = beast::error_code;
using tcp = asio::ip::tcp;

// One request's header block. Slack and Teams send a few KiB; this leaves room for proxies.
constexpr std::uint32_t header_limit = 16 * 1024;
// Bytes taken per read while waiting for a request to start, or while discarding one.
constexpr std::size_t read_chunk = 4 * 1024;
// How long a TLS close waits for the client's close_notify. Idle clients rarely read, so
// waiting longer would only delay stop().
constexpr std::chrono::milliseconds tls_close_grace{500};

/// Client-side failures (resets, broken pipes) are routine for a server: debug level.
void fail(error_code ec, const char* what) {
    spdlog::debug("http: {}: {}", what, ec.message());
}

/// The client closed: at the TCP level, or over TLS with or without its close_notify
/// (stream_truncated: many clients skip it, and Content-Length framing makes it harmless).
bool is_hang_up(error_code ec) {
    return ec == asio::error::eof || ec == asio::error::connection_reset ||
           ec == asio::ssl::error::stream_truncated;
}

bool is_parse_error(error_code ec) {
    return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
}

}  // namespace

template <class Stream>
Session<Stream>::Session(Stream stream, std::shared_ptr<asio::ssl::context> tls,
                         std::shared_ptr<Dispatcher> dispatcher, const ServerLimits& limits,
                         std::shared_ptr<ConnectionTracker> connections)
    : tls_(std::move(tls)),
      stream_(std::move(stream)),
      deadline_(stream_.get_executor()),
      dispatcher_(std::move(dispatcher)),
      limits_(limits),
      connections_(std::move(connections)) {}

template <class Stream>
Session<Stream>::~Session() {
    if (admitted_) connections_->release(this);
}

template <class Stream>
void Session<Stream>::run() {
    admitted_ = connections_->admit(this->shared_from_this());
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::on_run, this->shared_from_this()));
}

template <class Stream>
void Session<Stream>::drain() {
    asio::post(stream_.get_executor(),
               beast::bind_front_handler(&Session::on_drain, this->shared_from_this()));
}

template <class Stream>
void Session<Stream>::on_run() {
    if constexpr (is_tls) {
        if (!admitted_) return;  // dropping the session closes the socket
        // A client that has not finished its handshake has sent no request: it is held to
        // the first-byte deadline, and may be reclaimed as idle.
        beast::get_lowest_layer(stream_).expires_after(limits_.first_byte_deadline);
        stream_.async_handshake(
            asio::ssl::stream_base::server,
            beast::bind_front_handler(&Session::on_handshake, this->shared_from_this()));
    } else {
        on_handshake({});  // plain TCP has nothing to negotiate
    }
}

template <class Stream>
void Session<Stream>::on_handshake(error_code ec) {
    if (ec) return fail(ec, "handshake");
    if (admitted_) connections_->set_idle(this, false);
    // Refused without reading the request: the client learns why at once, and an overload
    // costs the server one small write per extra connection.
    if (!admitted_) {
        connections_->note(ConnectionEvent::refused);
        return respond(text_response(Status::service_unavailable, "busy\n"), Then::close);
    }
    do_await();
}

/// Waits for the first bytes of the next request. Until they come the connection is idle:
/// the idle timeout applies (read_deadline on a new connection) and drain() may close it.
template <class Stream>
void Session<Stream>::do_await() {
    phase_ = Phase::awaiting;
    if (draining_) return do_close();
    if (buffer_.size() > 0) return do_read();  // the client pipelined its next request

    // An idle connection holds no more than one read's worth of buffer, whatever its last
    // request's size: thousands of them must stay small.
    if (buffer_.capacity() > 2 * read_chunk) buffer_.shrink_to_fit();
    connections_->set_idle(this, true);
    beast::get_lowest_layer(stream_).expires_after(served_ == 0 ? limits_.first_byte_deadline
                                                                : limits_.idle_timeout);
    stream_.async_read_some(
        buffer_.prepare(read_chunk),
        beast::bind_front_handler(&Session::on_await, this->shared_from_this()));
}

template <class Stream>
void Session<Stream>::on_await(error_code ec, std::size_t bytes) {
    // timeout: idle too long (tcp_stream has closed the socket); a hang-up between requests.
    // Neither leaves a request unanswered.
    connections_->set_idle(this, false);
    if (ec == beast::error::timeout) {
        return connections_->note(served_ == 0 ? ConnectionEvent::first_byte_timeout
                                               : ConnectionEvent::idle_timeout);
    }
    if (is_hang_up(ec)) return;
    // drain() cancelled the wait on an idle connection.
    if (ec == asio::error::operation_aborted) return do_close();
    if (ec) return fail(ec, "await");
    buffer_.commit(bytes);
    do_read();
}

template <class Stream>
void Session<Stream>::do_read() {
    phase_ = Phase::reading;
    parser_.emplace();
    parser_->header_limit(header_limit);
    parser_->body_limit(limits_.body_limit);

    // The read deadline has its own timer: tcp_stream's expiry would close the socket, and a
    // client that is too slow must still get its 408.
    beast::get_lowest_layer(stream_).expires_never();
    deadline_hit_ = false;
    deadline_.expires_after(limits_.read_deadline);
    deadline_.async_wait(
        beast::bind_front_handler(&Session::on_deadline, this->shared_from_this(), ++reads_));

    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::on_read, this->shared_from_this()));
}

template <class Stream>
void Session<Stream>::on_deadline(std::uint64_t read, error_code ec) {
    // operation_aborted: the request arrived in time and on_read() cancelled the timer. A
    // timer that fired as that read completed belongs to an earlier read.
    if (ec || read != reads_ || phase_ != Phase::reading) return;
    deadline_hit_ = true;
    beast::get_lowest_layer(stream_).cancel();  // on_read() answers 408
}

template <class Stream>
void Session<Stream>::on_read(error_code ec, std::size_t) {
    deadline_.cancel();
    if (deadline_hit_) {
        connections_->note(ConnectionEvent::request_timeout);
        return respond(text_response(Status::request_timeout, "request timeout\n"), Then::linger);
    }
    // The client hung up mid-request: there is no one left to answer.
    if (ec == bhttp::error::partial_message || ec == bhttp::error::end_of_stream || is_hang_up(ec))
        return;
    if (ec == bhttp::error::body_limit) {
        connections_->note(ConnectionEvent::body_too_large);
        return respond(text_response(Status::payload_too_large, "request body too large\n"),
                       Then::linger);
    }
    if (ec == bhttp::error::header_limit) {
        connections_->note(ConnectionEvent::header_too_large);
        return respond(
            text_response(Status::request_header_fields_too_large, "request header too large\n"),
            Then::linger);
    }
    if (is_parse_error(ec)) {
        connections_->note(ConnectionEvent::bad_request);
        return respond(text_response(Status::bad_request, "bad request\n"), Then::linger);
    }
    if (ec) return fail(ec, "read");

    Request request = parser_->release();
    parser_.reset();
    ++served_;
    phase_ = Phase::routing;  // drain() lets the answer go out, then closes
    const unsigned version = request.version();
    const bool keep_alive = request.keep_alive();
    // While the request is being routed, nothing of this connection waits on its context:
    // the work guard keeps that context running (through a stop) until the answer is back.
    dispatcher_->submit(std::move(request), [self = this->shared_from_this(), version, keep_alive,
                                             work = asio::make_work_guard(stream_.get_executor())](
                                                Response response) mutable {
        // Back on this connection's strand: inline when the dispatcher routed on it.
        asio::dispatch(self->stream_.get_executor(),
                       [self, response = std::move(response), version, keep_alive]() mutable {
                           self->on_routed(std::move(response), version, keep_alive);
                       });
        work.reset();
    });
}

template <class Stream>
void Session<Stream>::on_routed(Response response, unsigned version, bool keep_alive) {
    const bool close = draining_ || !keep_alive || !response.keep_alive();
    response.version(version);
    respond(std::move(response), close ? Then::close : Then::read_next);
}

template <class Stream>
void Session<Stream>::respond(Response response, Then then) {
    phase_ = Phase::writing;
    response_ = std::move(response);
    response_.set(Field::server, "firebreak");
    response_.keep_alive(then == Then::read_next);
    response_.prepare_payload();

    // One response at a time (no pipelined writes), so nothing queues behind it.
    beast::get_lowest_layer(stream_).expires_after(limits_.write_deadline);
    bhttp::async_write(
        stream_, response_,
        beast::bind_front_handler(&Session::on_write, this->shared_from_this(), then));
}

template <class Stream>
void Session<Stream>::on_write(Then then, error_code ec, std::size_t) {
    if (ec) return fail(ec, "write");
    response_ = {};
    if (draining_ || then == Then::close) return do_close();
    if (then == Then::linger) return do_linger();
    do_await();
}

/// The request was refused before it was fully read (400, 408, 413, 431). Closing with its
/// bytes unread would make the kernel send RST, and the client could lose our response; so
/// stop sending, discard what still arrives for at most read_deadline, then close.
template <class Stream>
void Session<Stream>::do_linger() {
    phase_ = Phase::lingering;
    error_code ec;
    beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_send, ec);
    beast::get_lowest_layer(stream_).expires_after(limits_.read_deadline);
    buffer_.clear();
    do_discard();
}

template <class Stream>
void Session<Stream>::do_discard() {
    beast::get_lowest_layer(stream_).async_read_some(
        buffer_.prepare(read_chunk),
        beast::bind_front_handler(&Session::on_discard, this->shared_from_this()));
}

template <class Stream>
void Session<Stream>::on_discard(error_code ec, std::size_t) {
    // eof: the client read our answer and closed; timeout: lingered long enough;
    // operation_aborted: drain(). The socket closes as this session goes.
    if (ec) return;
    do_discard();
}

/// Server-side close after a response, or of an idle connection on drain().
template <class Stream>
void Session<Stream>::do_close() {
    phase_ = Phase::closed;
    if constexpr (is_tls) {
        beast::get_lowest_layer(stream_).expires_after(tls_close_grace);
        stream_.async_shutdown(
            beast::bind_front_handler(&Session::on_shutdown, this->shared_from_this()));
    } else {
        error_code ec;
        beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_send, ec);
        // The socket closes as this session goes, i.e. now: no handler holds it any more.
    }
}

template <class Stream>
void Session<Stream>::on_shutdown(error_code ec) {
    // Our close_notify is out. The client's may never come (timeout) or the client may just
    // drop the connection (eof, stream_truncated): expected either way, nothing left to do.
    if (ec && ec != beast::error::timeout && !is_hang_up(ec)) fail(ec, "shutdown");
}

template <class Stream>
void Session<Stream>::on_drain() {
    draining_ = true;
    // Idle or discarding: nothing is owed, so cancel the read; its handler closes. A request
    // being read or written finishes, and on_write() closes after it.
    if (phase_ == Phase::awaiting || phase_ == Phase::lingering)
        beast::get_lowest_layer(stream_).cancel();
}

template class Session<PlainStream>;
template class Session<TlsStream>;

}  // namespace firebreak::http
