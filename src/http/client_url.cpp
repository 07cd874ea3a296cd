// The value types of the HTTP client: URLs, responses, error kinds.

#include <algorithm>
#include <boost/asio/ip/address_v6.hpp>
#include <boost/system/error_code.hpp>
#include <cctype>
#include <charconv>

#include "firebreak/http/client.hpp"

namespace firebreak::http {
namespace {

std::string lower(std::string_view text) {
    std::string result(text);
    for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return result;
}

/// Letters, digits, '-', '.' and '_': what a DNS name or an IPv4 literal is made of.
bool is_host_name(std::string_view host) {
    if (host.empty()) return false;
    for (const char c : host) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '-' && c != '.' && c != '_')
            return false;
    }
    return true;
}

/// "" (the scheme's default), or a decimal port from 1 to 65535.
std::optional<std::uint16_t> parse_port(std::string_view text, std::uint16_t default_port) {
    if (text.empty()) return default_port;
    if (text.size() > 5) return std::nullopt;
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc{} || end != text.data() + text.size() || port == 0 || port > 65535)
        return std::nullopt;
    return static_cast<std::uint16_t>(port);
}

}  // namespace

std::optional<ClientUrl> parse_client_url(std::string_view url) {
    // Spaces and control characters would let a URL smuggle bytes into the request line.
    for (const char c : url) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7f) return std::nullopt;
    }
    const std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return std::nullopt;
    ClientUrl result;
    const std::string scheme = lower(url.substr(0, scheme_end));
    if (scheme != "http" && scheme != "https") return std::nullopt;
    result.https = scheme == "https";

    const std::string_view rest = url.substr(scheme_end + 3);
    const std::size_t authority_end = std::min(rest.find_first_of("/?#"), rest.size());
    const std::string_view authority = rest.substr(0, authority_end);
    if (authority.find('@') != std::string_view::npos) return std::nullopt;

    std::string_view host;
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        host = authority.substr(1, close - 1);
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty() && after.front() != ':') return std::nullopt;
        if (!after.empty()) port = after.substr(1);
        boost::system::error_code ec;
        boost::asio::ip::make_address_v6(std::string(host), ec);
        if (ec) return std::nullopt;
    } else {
        const std::size_t colon = authority.find(':');
        host = authority.substr(0, colon);
        if (colon != std::string_view::npos) port = authority.substr(colon + 1);
        if (!is_host_name(host)) return std::nullopt;
    }
    const auto parsed_port = parse_port(port, result.https ? 443 : 80);
    if (!parsed_port) return std::nullopt;
    result.host = lower(host);
    result.port = *parsed_port;

    std::string_view target =
        authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
    if (auto hash = target.find('#'); hash != std::string_view::npos)
        target = target.substr(0, hash);
    // Built in one go: GCC 12 at -O3 misreads an append here as an overflowing memcpy.
    result.target = std::string(target.empty() || target.front() != '/' ? "/" : "");
    result.target.append(target.data(), target.size());
    return result;
}

std::string ClientResponse::header(std::string_view name) const {
    const auto found = headers.find(lower(name));
    return found == headers.end() ? std::string() : found->second;
}

std::optional<std::chrono::seconds> ClientResponse::retry_after() const {
    const std::string text = header("retry-after");
    long long seconds = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || seconds < 0 ||
        seconds > 86400)
        return std::nullopt;
    return std::chrono::seconds(seconds);
}

std::string percent_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
                                c == '~';
        if (unreserved)
            out += static_cast<char>(c);
        else
            out += std::string{'%', kHex[c >> 4], kHex[c & 15]};
    }
    return out;
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [name, value] : fields) {
        if (!out.empty()) out += '&';
        out += percent_encode(name) + "=" + percent_encode(value);
    }
    return out;
}

std::string_view to_string(ClientErrorKind kind) {
    switch (kind) {
        case ClientErrorKind::bad_url:
            return "bad_url";
        case ClientErrorKind::resolve:
            return "resolve";
        case ClientErrorKind::connect:
            return "connect";
        case ClientErrorKind::tls:
            return "tls";
        case ClientErrorKind::timeout:
            return "timeout";
        case ClientErrorKind::reset:
            return "reset";
        case ClientErrorKind::protocol:
            return "protocol";
        case ClientErrorKind::too_large:
            return "too_large";
    }
    return "unknown";
}

}  // namespace firebreak::http
