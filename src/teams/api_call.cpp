// The connector's and Graph's answers sorted into what the outbox can do with them.
#include "api_call.hpp"

#include "firebreak/chat/untrusted_json.hpp"

namespace firebreak::teams::detail {
namespace {

using nlohmann::json;

/// When a 429 or 503 carries no usable Retry-After.
constexpr core::Duration kDefaultRetryAfter = std::chrono::seconds(30);

/// The error's code and message from either service's error body:
/// connector {"error":{"code","message"}}, Graph the same; "" when there is none.
std::string error_detail(const json& body) {
    if (!body.is_object()) return "";
    auto error = body.find("error");
    if (error == body.end() || !error->is_object()) return "";
    std::string out;
    if (auto code = error->find("code"); code != error->end() && code->is_string())
        out = code->get<std::string>();
    if (auto message = error->find("message"); message != error->end() && message->is_string()) {
        std::string text = message->get<std::string>().substr(0, 200);
        out += (out.empty() ? "" : ": ") + text;
    }
    return out;
}

ApiResult send_once(http::HttpClient& client, const std::string& token, http::Verb method,
                    const std::string& url, const std::optional<json>& body,
                    std::string_view what) {
    std::vector<std::pair<std::string, std::string>> headers{{"Authorization", "Bearer " + token}};
    std::string text;
    if (body) {
        headers.emplace_back("Content-Type", "application/json; charset=utf-8");
        text = body->dump(-1, ' ', false, json::error_handler_t::replace);
    }
    auto result = client.request(method, url, headers, std::move(text));
    ApiResult out;
    if (!result.ok()) {
        out.kind = result.error->kind == http::ClientErrorKind::bad_url
                       ? ApiResult::Kind::error
                       : ApiResult::Kind::transient;
        out.error = std::string(what) + ": " + result.error->message;
        return out;
    }
    const http::ClientResponse& response = *result.response;
    out.status = response.status;
    if (auto parsed = chat::parse_untrusted_json(response.body)) out.body = std::move(*parsed);
    if (response.status >= 200 && response.status < 300) return out;
    std::string detail = error_detail(out.body);
    out.error = std::string(what) + ": HTTP " + std::to_string(response.status) +
                (detail.empty() ? "" : " (" + detail + ")");
    if (response.status == 413) {
        out.kind = ApiResult::Kind::too_large;
    } else if (transient_status(response.status)) {
        out.kind = ApiResult::Kind::transient;
        auto after = response.retry_after();
        if (after)
            out.retry_after = after;
        else if (response.status == 429)
            out.retry_after = kDefaultRetryAfter;
    } else {
        out.kind = ApiResult::Kind::error;
    }
    return out;
}

}  // namespace

bool transient_status(unsigned status) {
    return status == 429 || status == 412 || status == 500 || status == 502 || status == 503 ||
           status == 504;
}

ApiResult call(http::HttpClient& client, TokenSource& tokens, http::Verb method,
               const std::string& url, const std::optional<json>& body, std::string_view what) {
    for (int attempt = 0;; ++attempt) {
        TokenResult token = tokens.get();
        if (!token.token) {
            ApiResult out;
            out.kind = token.transient ? ApiResult::Kind::transient : ApiResult::Kind::error;
            out.error = std::string(what) + ": " + token.error;
            out.retry_after = token.retry_after;
            return out;
        }
        ApiResult out = send_once(client, *token.token, method, url, body, what);
        // A token the service no longer takes (revoked, or the clock was off): a new one once.
        if (out.status != 401 || attempt > 0) return out;
        tokens.invalidate(*token.token);
    }
}

}  // namespace firebreak::teams::detail
