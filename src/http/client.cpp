#include "firebreak/http/client.hpp"

#include <openssl/ssl.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/system/system_error.hpp>
#include <cctype>
#include <iterator>
#include <mutex>
#include <stdexcept>
#include <variant>

namespace firebreak::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using error_code = boost::system::error_code;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// Slack's response headers are a few KiB; beyond this the peer is not an API we talk to.
constexpr std::uint32_t response_header_limit = 64 * 1024;

ClientError error(ClientErrorKind kind, std::string message) {
    return ClientError{kind, std::move(message)};
}

/// The peer closed or reset the connection, at the TCP or the TLS level.
bool is_hang_up(error_code ec) {
    return ec == asio::error::eof || ec == asio::error::connection_reset ||
           ec == asio::error::broken_pipe || ec == asio::error::connection_aborted ||
           ec == ssl::error::stream_truncated || ec == bhttp::error::end_of_stream;
}

bool is_http_error(error_code ec) {
    return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
}

bool is_ip_address(const std::string& host) {
    error_code ec;
    asio::ip::make_address(host, ec);
    return !ec;
}

/// Header names and values end up verbatim in the request: CR, LF or NUL would split it.
bool is_header_safe(std::string_view text) {
    return text.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

/// The Host header's value: the host (bracketed if IPv6), and the port unless the default.
std::string host_field(const ClientUrl& url, bool with_port) {
    const bool v6 = url.host.find(':') != std::string::npos;
    std::string host = v6 ? "[" + url.host + "]" : url.host;
    if (with_port) host += ":" + std::to_string(url.port);
    return host;
}

/// scheme://host:port, the identity of a reusable connection (and all that errors name).
std::string connection_key(const ClientUrl& url) {
    return (url.https ? "https://" : "http://") + host_field(url, true);
}

/// The request to send, or why it cannot be sent: a header that would split it, or a field
/// too long for Beast.
std::variant<Request, ClientError> make_request(
    Verb method, const ClientUrl& url,
    const std::vector<std::pair<std::string, std::string>>& headers, std::string body,
    const ClientOptions& options) {
    try {
        Request request{method, url.target, 11};
        request.set(Field::host, host_field(url, url.port != (url.https ? 443 : 80)));
        for (const auto& [name, value] : headers) {
            if (name.empty() || !is_header_safe(name) || !is_header_safe(value)) {
                // The name only: a value may be a token.
                return error(ClientErrorKind::bad_url,
                             "header \"" + name + "\" is empty or has CR, LF or NUL");
            }
            if (beast::iequals(name, "host") || beast::iequals(name, "content-length") ||
                beast::iequals(name, "transfer-encoding")) {
                continue;
            }
            request.insert(name, value);
        }
        if (request.count(Field::user_agent) == 0)
            request.set(Field::user_agent, options.user_agent);
        request.body() = std::move(body);
        request.prepare_payload();
        return request;
    } catch (const std::length_error&) {
        return error(ClientErrorKind::bad_url, "a header or the target is too long");
    }
}

}  // namespace

/// One kept-alive connection, plain or TLS, and the bytes read past the last response.
struct ClientConnection {
    using Plain = beast::tcp_stream;
    using Tls = beast::ssl_stream<beast::tcp_stream>;

    ClientConnection(std::string key, asio::io_context& ioc)
        : key(std::move(key)), stream(std::in_place_type<Plain>, ioc) {}
    ClientConnection(std::string key, asio::io_context& ioc, ssl::context& tls)
        : key(std::move(key)), stream(std::in_place_type<Tls>, ioc, tls) {}

    beast::tcp_stream& tcp() {
        return std::visit([](auto& s) -> beast::tcp_stream& { return beast::get_lowest_layer(s); },
                          stream);
    }

    std::string key;  // scheme://host:port
    std::variant<Plain, Tls> stream;
    beast::flat_buffer buffer;
};

/// How one exchange on an open connection ended.
struct Exchange {
    std::optional<ClientResponse> response;
    std::optional<ClientError> error;
    bool stale = false;  // the connection was closed before any byte of a response came
};

/// What the connections share: the options, the TLS context and the count of connects.
struct ClientShared {
    explicit ClientShared(ClientOptions options_in) : options(std::move(options_in)) {
        error_code ec;
        // SSLv2/3, TLS 1.0 and 1.1 are broken or deprecated (RFC 8996).
        tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                            ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                            ssl::context::no_tlsv1_1,
                        ec);
        if (!ec && !options.ca_file.empty()) tls.load_verify_file(options.ca_file, ec);
        if (!ec) tls.set_verify_mode(ssl::verify_peer, ec);
        if (ec) throw boost::system::system_error(ec, "http client: tls context");
        SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_2_VERSION);
    }

    /// Adds the system's trusted CAs to `tls`, once, before the first https connection:
    /// parsing the whole bundle took most of `serve`'s start-up, for a client that may not
    /// connect for minutes. Threads that connect meanwhile wait for it.
    /// Empty, or why the system's CAs could not be read (every https connection fails so).
    const std::string& trust_system_store() {
        std::call_once(system_store, [this] {
            error_code ec;
            tls.set_default_verify_paths(ec);
            if (!ec) return;
            system_store_error = "cannot read the system's CA certificates: " + ec.message();
            spdlog::error("http client: {}", system_store_error);
        });
        return system_store_error;
    }

    const ClientOptions options;
    /// Set up once (here, then by trust_system_store()), then only read: OpenSSL lets
    /// several threads make sessions from it.
    ssl::context tls{ssl::context::tls_client};
    std::once_flag system_store;
    std::string system_store_error;  // written once, under system_store
    std::atomic<std::size_t> opened{0};
};

/// One caller's way to a server at a time: an io_context of its own, run by the calling
/// thread for the length of a request, and the connection it keeps alive between requests.
struct ClientLine {
    explicit ClientLine(ClientShared& shared_in) : shared(shared_in) {}

    /// Starts an operation with `start(handler)` and runs the io_context until it completes;
    /// its error. Every operation is bounded by a tcp_stream expiry, so this returns. Handlers
    /// of earlier, abandoned operations may run meanwhile.
    template <class Start>
    error_code run_op(Start start) {
        bool done = false;
        error_code result = asio::error::operation_aborted;  // should the io_context run dry
        start([&](error_code ec, auto&&...) {
            result = ec;
            done = true;
        });
        while (!done) {
            if (ioc.stopped()) ioc.restart();
            if (ioc.run_one() == 0) break;
        }
        return result;
    }

    std::optional<ClientError> open(const ClientUrl& url, const std::string& key);
    Exchange exchange(const Request& request);

    ClientShared& shared;
    const ClientOptions& options = shared.options;
    asio::io_context ioc;  // before what uses it: destroyed last
    tcp::resolver resolver{ioc};
    std::unique_ptr<ClientConnection> connection;
};

/// The pool: lines not in use, most recently used last.
struct HttpClient::State {
    explicit State(ClientOptions options) : shared(std::move(options)) {}

    /// A line for `key`: an idle one kept alive to it, else an idle one closed, else a new
    /// one. The caller has it alone until release().
    std::unique_ptr<ClientLine> acquire(const std::string& key) {
        std::unique_ptr<ClientLine> line;
        {
            std::lock_guard lock(mutex);
            auto pick = [&](auto matches) {
                for (auto it = idle.rbegin(); it != idle.rend(); ++it) {
                    if (!matches(**it)) continue;
                    line = std::move(*it);
                    idle.erase(std::next(it).base());
                    return true;
                }
                return false;
            };
            pick([&](const ClientLine& l) { return l.connection && l.connection->key == key; }) ||
                pick([](const ClientLine& l) { return !l.connection; }) ||
                pick([](const ClientLine&) { return true; });
        }
        if (!line) return std::make_unique<ClientLine>(shared);
        if (line->connection && line->connection->key != key) line->connection.reset();
        return line;
    }

    /// Keeps `line` for a later request, unless max_idle_connections are kept already.
    void release(std::unique_ptr<ClientLine> line) {
        std::lock_guard lock(mutex);
        if (idle.size() < shared.options.max_idle_connections) idle.push_back(std::move(line));
        // else: closed here; a close does not block.
    }

    ClientShared shared;
    std::mutex mutex;
    std::vector<std::unique_ptr<ClientLine>> idle;
};

/// Resolves, connects and (for https) handshakes, all within connect_timeout; on success
/// `connection` is the new connection.
std::optional<ClientError> ClientLine::open(const ClientUrl& url, const std::string& key) {
    connection.reset();
    if (url.https) {
        if (const std::string& why = shared.trust_system_store(); !why.empty())
            return error(ClientErrorKind::tls, key + ": " + why);
    }
    const auto deadline = Clock::now() + options.connect_timeout;

    // getaddrinfo cannot be cancelled: on timeout its handler is abandoned and runs later,
    // so it owns what it writes to.
    struct Resolved {
        bool done = false;
        error_code ec;
        tcp::resolver::results_type results;
    };
    auto resolved = std::make_shared<Resolved>();
    resolver.async_resolve(url.host, std::to_string(url.port),
                           [resolved](error_code ec, tcp::resolver::results_type results) {
                               resolved->done = true;
                               resolved->ec = ec;
                               resolved->results = std::move(results);
                           });
    ioc.restart();
    while (!resolved->done && ioc.run_one_until(deadline) > 0) {
    }
    if (!resolved->done) {
        resolver.cancel();
        return error(ClientErrorKind::timeout, key + ": resolve timed out");
    }
    if (resolved->ec) {
        return error(ClientErrorKind::resolve, key + ": resolve: " + resolved->ec.message());
    }

    auto fresh = url.https ? std::make_unique<ClientConnection>(key, ioc, shared.tls)
                           : std::make_unique<ClientConnection>(key, ioc);
    fresh->tcp().expires_at(deadline);
    error_code result = run_op(
        [&](auto handler) { fresh->tcp().async_connect(resolved->results, std::move(handler)); });
    if (result == beast::error::timeout) {
        return error(ClientErrorKind::timeout, key + ": connect timed out");
    }
    if (result) return error(ClientErrorKind::connect, key + ": connect: " + result.message());
    ++shared.opened;

    if (auto* stream = std::get_if<ClientConnection::Tls>(&fresh->stream)) {
        // SNI carries host names only (RFC 6066), never an address.
        if (!is_ip_address(url.host) &&
            SSL_set_tlsext_host_name(stream->native_handle(), url.host.c_str()) != 1) {
            return error(ClientErrorKind::tls, key + ": cannot set SNI");
        }
        stream->set_verify_callback(ssl::host_name_verification(url.host), result);
        if (result) return error(ClientErrorKind::tls, key + ": verify: " + result.message());
        result = run_op([&](auto handler) {
            stream->async_handshake(ssl::stream_base::client, std::move(handler));
        });
        if (result == beast::error::timeout) {
            return error(ClientErrorKind::timeout, key + ": TLS handshake timed out");
        }
        if (result)
            return error(ClientErrorKind::tls, key + ": TLS handshake: " + result.message());
    }
    connection = std::move(fresh);
    return std::nullopt;
}

/// Writes `request` and reads its response, both within read_timeout. Drops the connection
/// unless it may carry the next request.
Exchange ClientLine::exchange(const Request& request) {
    Exchange outcome;
    const std::string key = connection->key;  // connection may be dropped below
    ClientConnection& conn = *connection;
    conn.tcp().expires_after(options.read_timeout);  // one deadline for the write and the read

    error_code result = run_op([&](auto handler) {
        std::visit([&](auto& stream) { bhttp::async_write(stream, request, std::move(handler)); },
                   conn.stream);
    });
    if (result) {
        connection.reset();
        if (result == beast::error::timeout) {
            outcome.error =
                error(ClientErrorKind::timeout, key + ": writing the request timed out");
        } else {
            outcome.stale = is_hang_up(result);
            outcome.error = error(ClientErrorKind::reset, key + ": write: " + result.message());
        }
        return outcome;
    }

    bhttp::response_parser<bhttp::string_body> parser;
    parser.header_limit(response_header_limit);
    parser.body_limit(options.max_response_body);
    if (request.method() == Verb::head) parser.skip(true);
    result = run_op([&](auto handler) {
        std::visit(
            [&](auto& stream) {
                bhttp::async_read(stream, conn.buffer, parser, std::move(handler));
            },
            conn.stream);
    });
    if (result) {
        ClientErrorKind kind = ClientErrorKind::reset;
        if (result == beast::error::timeout) {
            kind = ClientErrorKind::timeout;
        } else if (result == bhttp::error::body_limit) {
            kind = ClientErrorKind::too_large;
        } else if (is_hang_up(result) || result == bhttp::error::partial_message) {
            outcome.stale = !parser.got_some();
        } else if (is_http_error(result)) {
            kind = ClientErrorKind::protocol;
        } else if (result.category() == asio::error::get_ssl_category()) {
            kind = ClientErrorKind::tls;
        }
        connection.reset();
        outcome.error = error(kind, key + ": read response: " + result.message());
        return outcome;
    }

    // A response framed by the end of the connection, or one saying Connection: close,
    // leaves nothing to reuse.
    if (!parser.keep_alive() || !request.keep_alive()) connection.reset();

    auto message = parser.release();
    ClientResponse response;
    response.status = message.result_int();
    for (const auto& field : message) {
        const auto name_view = field.name_string();
        const auto value_view = field.value();
        std::string name(name_view.data(), name_view.size());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const std::string value(value_view.data(), value_view.size());
        auto [it, inserted] = response.headers.try_emplace(std::move(name), value);
        if (!inserted) (it->second += ", ") += value;
    }
    response.body = std::move(message.body());
    outcome.response = std::move(response);
    return outcome;
}

HttpClient::HttpClient(ClientOptions options)
    : state_(std::make_unique<State>(std::move(options))) {}

HttpClient::~HttpClient() = default;

std::size_t HttpClient::connections_opened() const {
    return state_->shared.opened.load();
}

ClientResult HttpClient::request(Verb method, std::string_view url,
                                 const std::vector<std::pair<std::string, std::string>>& headers,
                                 std::string body) {
    ClientResult result;
    const auto parsed = parse_client_url(url);
    if (!parsed) {
        result.error = error(ClientErrorKind::bad_url, "not an absolute http(s) URL");
        return result;
    }
    const std::string key = connection_key(*parsed);
    auto request = make_request(method, *parsed, headers, std::move(body), state_->shared.options);
    if (auto* refused = std::get_if<ClientError>(&request)) {
        refused->message = key + ": " + refused->message;
        result.error = std::move(*refused);
        return result;
    }

    std::unique_ptr<ClientLine> line = state_->acquire(key);
    const bool reused = line->connection != nullptr;
    std::optional<ClientError> failed;
    if (!reused) failed = line->open(*parsed, key);
    if (!failed) {
        Exchange outcome = line->exchange(std::get<Request>(request));
        if (outcome.stale && reused) {
            // The server closed the idle connection before our request reached it (keep-alive
            // timeout, restart): the request was not processed, so send it once more.
            spdlog::debug("http client: {}: kept-alive connection was closed, reconnecting", key);
            failed = line->open(*parsed, key);
            if (!failed) outcome = line->exchange(std::get<Request>(request));
        }
        result.response = std::move(outcome.response);
        result.error = std::move(outcome.error);
    }
    if (failed) result.error = std::move(failed);
    state_->release(std::move(line));
    return result;
}

}  // namespace firebreak::http
