// Client-credentials tokens, cached until five minutes before they expire.
#include "firebreak/teams/tokens.hpp"

#include <charconv>

#include "firebreak/chat/untrusted_json.hpp"

namespace firebreak::teams {
namespace {

/// A token is replaced this long before the identity platform says it expires.
constexpr core::Duration kRefreshMargin = std::chrono::minutes(5);
/// When a 429 or 503 carries no usable Retry-After.
constexpr core::Duration kDefaultRetryAfter = std::chrono::seconds(30);

/// "https://login.microsoftonline.com" of the token URL, for errors (never its path).
std::string host_of(const std::string& url) {
    auto parsed = http::parse_client_url(url);
    return parsed ? parsed->host : std::string("the token endpoint");
}

}  // namespace

TokenSource::TokenSource(TokenSettings settings, http::HttpClient& client, const app::Clock& clock)
    : settings_(std::move(settings)), client_(client), clock_(clock) {}

TokenResult TokenSource::get() {
    std::lock_guard lock(mutex_);
    if (!token_.empty() && clock_.now() < refresh_at_) return TokenResult{token_, "", false, {}};
    return fetch();
}

void TokenSource::invalidate(std::string_view rejected) {
    std::lock_guard lock(mutex_);
    // Another thread may have fetched a fresh one since: only the rejected token goes.
    if (rejected.empty() || token_ == rejected) token_.clear();
}

int TokenSource::fetches() const {
    std::lock_guard lock(mutex_);
    return fetches_;
}

TokenResult TokenSource::fetch() {
    const std::string where = "token from " + host_of(settings_.token_url);
    auto result = client_.request(http::Verb::post, settings_.token_url,
                                  {{"Content-Type", "application/x-www-form-urlencoded"}},
                                  http::form_encode({{"grant_type", "client_credentials"},
                                                     {"client_id", settings_.client_id},
                                                     {"client_secret", settings_.client_secret},
                                                     {"scope", settings_.scope}}));
    TokenResult out;
    if (!result.ok()) {
        out.transient = result.error->kind != http::ClientErrorKind::bad_url;
        out.error = where + ": " + result.error->message;
        return out;
    }
    const http::ClientResponse& response = *result.response;
    auto body = chat::parse_untrusted_json(response.body);
    if (response.status != 200) {
        out.transient = response.status == 429 || response.status >= 500;
        if (out.transient) out.retry_after = response.retry_after().value_or(kDefaultRetryAfter);
        out.error = where + ": HTTP " + std::to_string(response.status);
        // The identity platform's error code ("invalid_client", "unauthorized_client") says
        // what to fix; its description may quote the request, so it is left out.
        if (body && body->is_object() && body->contains("error") && (*body)["error"].is_string())
            out.error += " (" + (*body)["error"].get<std::string>() + ")";
        return out;
    }
    if (!body || !body->is_object() || !body->contains("access_token") ||
        !(*body)["access_token"].is_string() ||
        (*body)["access_token"].get<std::string>().empty()) {
        out.error = where + ": the answer has no access_token";
        return out;
    }
    long long expires_in = 3599;
    if (auto it = body->find("expires_in"); it != body->end()) {
        if (it->is_number_integer())
            expires_in = it->get<long long>();
        else if (it->is_string())  // the v1 endpoint sends it as a string
            std::from_chars(
                it->get_ref<const std::string&>().data(),
                it->get_ref<const std::string&>().data() + it->get_ref<const std::string&>().size(),
                expires_in);
    }
    ++fetches_;
    token_ = (*body)["access_token"].get<std::string>();
    refresh_at_ = clock_.now() + core::Duration(expires_in) - kRefreshMargin;
    out.token = token_;
    return out;
}

}  // namespace firebreak::teams
