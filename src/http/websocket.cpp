#include "firebreak/http/websocket.hpp"

#include <openssl/ssl.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/system/system_error.hpp>
#include <deque>

#include "firebreak/http/client.hpp"

namespace firebreak::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ws = boost::beast::websocket;
namespace ssl = boost::asio::ssl;
using error_code = boost::system::error_code;
using tcp = asio::ip::tcp;

// One read takes at most this much; a message is assembled from such pieces.
constexpr std::size_t kReadChunk = 64 * 1024;

bool is_ip_address(const std::string& host) {
    error_code ec;
    asio::ip::make_address(host, ec);
    return !ec;
}

template <class Stream>
class Session final : public WebSocket, public std::enable_shared_from_this<Session<Stream>> {
  public:
    template <class... Args>
    Session(ClientUrl url, WebSocketOptions options, WebSocketHandlers handlers,
            asio::io_context& ioc, Args&... stream_args)
        : url_(std::move(url)),
          options_(std::move(options)),
          handlers_(std::move(handlers)),
          resolver_(ioc),
          ws_(ioc, stream_args...) {}

    void start() {
        beast::get_lowest_layer(ws_).expires_after(options_.connect_timeout);
        resolver_.async_resolve(
            url_.host, std::to_string(url_.port),
            [self = this->shared_from_this()](error_code ec, tcp::resolver::results_type results) {
                self->on_resolve(ec, std::move(results));
            });
    }

    void send(std::string text) override {
        asio::post(ws_.get_executor(), [self = this->shared_from_this(), t = std::move(text)] {
            self->enqueue(Write{Write::Kind::text, std::move(t)});
        });
    }
    void ping() override {
        asio::post(ws_.get_executor(), [self = this->shared_from_this()] {
            self->enqueue(Write{Write::Kind::ping, {}});
        });
    }
    void close() override {
        asio::post(ws_.get_executor(), [self = this->shared_from_this()] {
            // Not open yet: there is nothing to close gracefully, and a close handshake begun
            // as the upgrade completes would race the peer's first frame for the stream.
            if (!self->open_) return self->finish("closed by us before it opened");
            self->enqueue(Write{Write::Kind::close, {}});
        });
    }
    void abort() override {
        asio::post(ws_.get_executor(),
                   [self = this->shared_from_this()] { self->finish("aborted by us"); });
    }

  private:
    struct Write {
        enum class Kind { text, ping, close } kind;
        std::string text;
    };

    void on_resolve(error_code ec, tcp::resolver::results_type results) {
        if (done_) return;
        if (ec) return finish("resolve " + url_.host + ": " + ec.message());
        beast::get_lowest_layer(ws_).async_connect(
            results, [self = this->shared_from_this()](error_code ec, const tcp::endpoint&) {
                self->on_connect(ec);
            });
    }

    void on_connect(error_code ec) {
        if (done_) return;
        if (ec) return finish("connect: " + ec.message());
        if constexpr (std::is_same_v<Stream, ws::stream<beast::ssl_stream<beast::tcp_stream>>>) {
            auto& tls = ws_.next_layer();
            // SNI carries host names only (RFC 6066), never an address.
            if (!is_ip_address(url_.host) &&
                SSL_set_tlsext_host_name(tls.native_handle(), url_.host.c_str()) != 1)
                return finish("cannot set SNI");
            tls.set_verify_callback(ssl::host_name_verification(url_.host), ec);
            if (ec) return finish("verify: " + ec.message());
            tls.async_handshake(ssl::stream_base::client,
                                [self = this->shared_from_this()](error_code ec) {
                                    if (ec) return self->finish("TLS handshake: " + ec.message());
                                    self->do_upgrade();
                                });
        } else {
            do_upgrade();
        }
    }

    void do_upgrade() {
        // The connect deadline covered the upgrade too; from now on the caller's pings and
        // its dead-link check bound the connection, not a stream timeout.
        ws_.set_option(
            ws::stream_base::decorator([agent = options_.user_agent](ws::request_type& request) {
                request.set(beast::http::field::user_agent, agent);
            }));
        const bool v6 = url_.host.find(':') != std::string::npos;
        std::string host =
            (v6 ? "[" + url_.host + "]" : url_.host) + ":" + std::to_string(url_.port);
        ws_.async_handshake(host, url_.target, [self = this->shared_from_this()](error_code ec) {
            self->on_upgrade(ec);
        });
    }

    void on_upgrade(error_code ec) {
        if (done_) return;
        if (ec) return finish("WebSocket upgrade: " + ec.message());
        beast::get_lowest_layer(ws_).expires_never();
        // Our own limit, applied per message in on_read: an oversized message is skipped,
        // not a reason to drop the connection and every envelope queued behind it.
        ws_.read_message_max(0);
        // Called only from within a pending read, which holds shared_from_this().
        ws_.control_callback([this](ws::frame_type kind, beast::string_view) {
            if (kind != ws::frame_type::close && handlers_.control) handlers_.control();
        });
        open_ = true;
        if (handlers_.opened) handlers_.opened();
        do_read();
        pump();
    }

    void do_read() {
        ws_.async_read_some(buffer_.prepare(kReadChunk),
                            [self = this->shared_from_this()](error_code ec, std::size_t n) {
                                self->on_read(ec, n);
                            });
    }

    void on_read(error_code ec, std::size_t n) {
        // A close frame from the peer ends the read with ws::error::closed: a normal end.
        if (ec == ws::error::closed) return finish("closed by the peer");
        if (ec) return finish("read: " + ec.message());
        buffer_.commit(n);
        size_ += n;
        if (size_ <= options_.max_message_size)
            message_ += beast::buffers_to_string(buffer_.data());
        else
            message_.clear();
        buffer_.consume(buffer_.size());
        if (ws_.is_message_done()) {
            std::string text = std::move(message_);
            const std::size_t size = size_;
            message_.clear();
            size_ = 0;
            if (size > options_.max_message_size) {
                if (handlers_.skipped)
                    handlers_.skipped("oversized message (" + std::to_string(size) + " bytes)");
            } else if (ws_.got_binary()) {
                if (handlers_.skipped) handlers_.skipped("binary frame");
            } else if (handlers_.text) {
                handlers_.text(std::move(text));
            }
        }
        if (!done_) do_read();
    }

    void enqueue(Write write) {
        if (done_ || closing_) return;
        if (queue_.size() >= options_.max_queued_writes)
            return finish("the peer stopped reading (write queue full)");
        if (write.kind == Write::Kind::close) closing_ = true;
        queue_.push_back(std::move(write));
        pump();
    }

    void pump() {
        if (!open_ || writing_ || done_ || queue_.empty()) return;
        writing_ = true;
        Write& next = queue_.front();
        auto on_written = [self = this->shared_from_this()](error_code ec, auto&&...) {
            self->on_write(ec);
        };
        switch (next.kind) {
            case Write::Kind::text:
                ws_.text(true);
                ws_.async_write(asio::buffer(next.text), std::move(on_written));
                break;
            case Write::Kind::ping:
                ws_.async_ping({}, std::move(on_written));
                break;
            case Write::Kind::close:
                // Bounded: a peer that never answers the close frame is dropped.
                beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(5));
                ws_.async_close(ws::close_code::normal,
                                [self = this->shared_from_this()](error_code ec) {
                                    self->finish(ec ? "close: " + ec.message() : "closed by us");
                                });
                break;
        }
    }

    void on_write(error_code ec) {
        writing_ = false;
        if (ec) return finish("write: " + ec.message());
        queue_.pop_front();
        pump();
    }

    /// Ends the connection once; later calls do nothing.
    void finish(std::string why) {
        if (done_) return;
        done_ = true;
        error_code ignored;
        resolver_.cancel();
        beast::get_lowest_layer(ws_).socket().shutdown(tcp::socket::shutdown_both, ignored);
        beast::get_lowest_layer(ws_).close();
        queue_.clear();
        auto closed = std::move(handlers_.closed);
        handlers_ = {};
        if (closed) closed(std::move(why));
    }

    ClientUrl url_;
    WebSocketOptions options_;
    WebSocketHandlers handlers_;
    tcp::resolver resolver_;
    Stream ws_;
    beast::flat_buffer buffer_;
    std::string message_;
    std::size_t size_ = 0;
    std::deque<Write> queue_;
    bool open_ = false;
    bool writing_ = false;
    bool closing_ = false;
    bool done_ = false;
};

/// Reports a URL that cannot be used, from the io_context like any other outcome.
class Refused final : public WebSocket {
  public:
    void send(std::string) override {}
    void ping() override {}
    void close() override {}
    void abort() override {}
};

}  // namespace

std::shared_ptr<ssl::context> make_client_tls_context(const std::string& ca_file) {
    auto tls = std::make_shared<ssl::context>(ssl::context::tls_client);
    error_code ec;
    // SSLv2/3, TLS 1.0 and 1.1 are broken or deprecated (RFC 8996).
    tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                         ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1,
                     ec);
    if (!ec) tls->set_default_verify_paths(ec);
    if (!ec && !ca_file.empty()) tls->load_verify_file(ca_file, ec);
    if (!ec) tls->set_verify_mode(ssl::verify_peer, ec);
    if (ec) throw boost::system::system_error(ec, "websocket client: tls context");
    SSL_CTX_set_min_proto_version(tls->native_handle(), TLS1_2_VERSION);
    return tls;
}

std::shared_ptr<WebSocket> connect_websocket(asio::io_context& ioc, std::string_view url,
                                             std::shared_ptr<ssl::context> tls,
                                             WebSocketOptions options, WebSocketHandlers handlers) {
    // ws:// and wss:// name a host as http:// and https:// do (RFC 6455, section 3).
    std::string as_http;
    if (url.substr(0, 5) == "ws://")
        as_http = "http://" + std::string(url.substr(5));
    else if (url.substr(0, 6) == "wss://")
        as_http = "https://" + std::string(url.substr(6));
    auto parsed = as_http.empty() ? std::nullopt : parse_client_url(as_http);
    std::string refusal;
    if (!parsed)
        refusal = "not a ws:// or wss:// URL";
    else if (parsed->https && !tls)
        refusal = "wss:// needs a TLS context";
    if (!refusal.empty()) {
        asio::post(ioc, [closed = std::move(handlers.closed), refusal] {
            if (closed) closed(refusal);
        });
        return std::make_shared<Refused>();
    }
    if (parsed->https) {
        using Stream = ws::stream<beast::ssl_stream<beast::tcp_stream>>;
        auto session = std::make_shared<Session<Stream>>(std::move(*parsed), std::move(options),
                                                         std::move(handlers), ioc, *tls);
        session->start();
        return session;
    }
    using Stream = ws::stream<beast::tcp_stream>;
    auto session = std::make_shared<Session<Stream>>(std::move(*parsed), std::move(options),
                                                     std::move(handlers), ioc);
    session->start();
    return session;
}

}  // namespace firebreak::http
