#pragma once
// An outbound HTTP/1.1 client with blocking calls and a pool of kept-alive connections, for
// the threads that talk to one API (Slack's https://slack.com/api/<method>) at once.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "firebreak/http/message.hpp"

namespace firebreak::http {

struct ClientOptions {
    /// DNS + TCP connect + TLS handshake, together.
    std::chrono::milliseconds connect_timeout{5000};
    /// Writing the request and reading the whole response, together.
    std::chrono::milliseconds read_timeout{10000};
    /// An extra PEM CA bundle to trust (tests); empty: the system's default store only.
    std::string ca_file;
    std::size_t max_response_body = 8 * 1024 * 1024;
    /// Sent unless the request has its own User-Agent.
    std::string user_agent = "firebreak";
    /// Kept-alive connections held for later requests while no request uses them; one made
    /// for a burst of concurrent requests beyond this is closed after its request.
    std::size_t max_idle_connections = 16;
};

struct ClientResponse {
    unsigned status = 0;
    std::map<std::string, std::string> headers;  // names lower-cased; repeats joined with ", "
    std::string body;
    /// The header's value or "" (name case-insensitive).
    std::string header(std::string_view name) const;
    /// Retry-After in seconds (0 to 86,400); nullopt when absent or not a number of seconds.
    std::optional<std::chrono::seconds> retry_after() const;
};

enum class ClientErrorKind {
    bad_url,    // not an absolute http(s) URL, or a header that is empty, has CR/LF or is too long
    resolve,    // the host name did not resolve
    connect,    // no address accepted a TCP connection (refused, unreachable)
    tls,        // untrusted certificate, wrong host name, no common protocol, bad TLS record
    timeout,    // connect_timeout or read_timeout passed
    reset,      // the server closed or reset the connection before the response was complete
    protocol,   // the response is not valid HTTP/1.x (or its header block is over 64 KiB)
    too_large,  // the response body is over max_response_body
};

/// The kind's name, e.g. "timeout", for logs.
std::string_view to_string(ClientErrorKind kind);

struct ClientError {
    ClientErrorKind kind;
    std::string message;  // for logs: names scheme://host:port, never a header value or the path
};

struct ClientResult {
    std::optional<ClientResponse> response;
    std::optional<ClientError> error;
    /// True when the response is set (whatever its status); otherwise error is set.
    bool ok() const { return response.has_value(); }
};

/// `text` with unreserved bytes (RFC 3986: letters, digits, "-._~") as they are and every
/// other byte as %XX: a form value, or one segment of a URL path.
std::string percent_encode(std::string_view text);

/// application/x-www-form-urlencoded: "name=value&…", each side percent_encode()d.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

/// An absolute URL split into what a request needs.
struct ClientUrl {
    bool https = false;
    std::string host;  // without brackets for an IPv6 literal
    std::uint16_t port = 0;
    std::string target;  // path and query, at least "/"; never the fragment
};

/// `url` parsed, or nullopt when it is not http:// or https:// (any case) followed by a host,
/// an optional port from 1 to 65535 and an optional path or query; user info, spaces and
/// control characters are refused.
std::optional<ClientUrl> parse_client_url(std::string_view url);

class HttpClient {
  public:
    /// Throws boost::system::system_error when the TLS context cannot be set up, e.g. an
    /// unreadable `options.ca_file`: a configuration error, reported before any request.
    explicit HttpClient(ClientOptions options = {});
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    /// Sends one request to an absolute http:// or https:// URL and reads the response. Reuses
    /// an idle kept-alive connection to the same scheme+host+port, else opens one; reconnects
    /// once, transparently, when a reused connection turns out closed before any byte of the
    /// response arrived. Never throws for network conditions. Safe to call from several
    /// threads at once: each request has a connection to itself for its whole length, and
    /// its timeouts are its own.
    ///
    /// Host, Content-Length and Transfer-Encoding are the client's own: such entries in
    /// `headers` are ignored. User-Agent defaults to options.user_agent.
    ClientResult request(Verb method, std::string_view url,
                         const std::vector<std::pair<std::string, std::string>>& headers,
                         std::string body);

    /// Connections opened so far (TCP connects that succeeded), for metrics and tests. Safe
    /// from any thread.
    std::size_t connections_opened() const;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace firebreak::http
