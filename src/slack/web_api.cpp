#include "firebreak/slack/web_api.hpp"

#include <array>

#include "firebreak/chat/untrusted_json.hpp"

namespace firebreak::slack {
namespace {

/// When a 429 carries no usable Retry-After.
constexpr core::Duration kDefaultRetryAfter = std::chrono::seconds(30);

}  // namespace

bool is_retryable_error(std::string_view code) {
    static constexpr std::array<std::string_view, 6> kRetryable{
        "ratelimited",         "internal_error",  "fatal_error",
        "service_unavailable", "request_timeout", "team_added_to_org"};
    for (auto c : kRetryable)
        if (c == code) return true;
    return false;
}

SlackWebApi::SlackWebApi(std::string base_url, std::string bot_token, http::ClientOptions options)
    : base_url_(std::move(base_url)),
      authorization_("Bearer " + std::move(bot_token)),
      client_(std::move(options)) {
    while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

ApiResult SlackWebApi::call(std::string_view method, const nlohmann::json& arguments) {
    return send(method, "application/json; charset=utf-8",
                arguments.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

ApiResult SlackWebApi::call_form(std::string_view method,
                                 const std::vector<std::pair<std::string, std::string>>& fields) {
    return send(method, "application/x-www-form-urlencoded", http::form_encode(fields));
}

ApiResult SlackWebApi::upload(const std::string& url, std::string bytes) {
    auto result = client_.request(http::Verb::post, url,
                                  {{"Content-Type", "application/octet-stream"}}, std::move(bytes));
    ApiResult out;
    if (!result.ok()) {
        out.kind = result.error->kind == http::ClientErrorKind::bad_url
                       ? ApiResult::Kind::error
                       : ApiResult::Kind::transient;
        out.error = "file upload: " + result.error->message;
        return out;
    }
    unsigned status = result.response->status;
    if (status >= 200 && status < 300) return out;
    out.kind = status == 429 || status >= 500 ? ApiResult::Kind::transient : ApiResult::Kind::error;
    out.error = "file upload: HTTP " + std::to_string(status);
    if (status == 429)
        out.retry_after = result.response->retry_after().value_or(kDefaultRetryAfter);
    return out;
}

ApiResult SlackWebApi::send(std::string_view method, std::string_view content_type,
                            std::string body) {
    std::string url = base_url_ + "/" + std::string(method);
    auto result = client_.request(
        http::Verb::post, url,
        {{"Authorization", authorization_}, {"Content-Type", std::string(content_type)}},
        std::move(body));
    ApiResult out;
    if (!result.ok()) {
        out.kind = result.error->kind == http::ClientErrorKind::bad_url
                       ? ApiResult::Kind::error
                       : ApiResult::Kind::transient;
        out.error = std::string(method) + ": " + result.error->message;
        return out;
    }
    const http::ClientResponse& response = *result.response;
    if (response.status == 429) {
        out.kind = ApiResult::Kind::transient;
        out.error = std::string(method) + ": rate limited (HTTP 429)";
        out.retry_after = response.retry_after().value_or(kDefaultRetryAfter);
        return out;
    }
    if (response.status >= 500) {
        out.kind = ApiResult::Kind::transient;
        out.error = std::string(method) + ": HTTP " + std::to_string(response.status);
        return out;
    }
    auto parsed = chat::parse_untrusted_json(response.body);
    out.body = parsed ? std::move(*parsed) : nlohmann::json();
    if (response.status != 200 || !parsed || !out.body.is_object()) {
        out.kind = ApiResult::Kind::error;
        out.error = std::string(method) + ": HTTP " + std::to_string(response.status) +
                    (parsed ? "" : " with a body that is not JSON nested at most 64 deep");
        return out;
    }
    auto ok = out.body.find("ok");
    if (ok != out.body.end() && ok->is_boolean() && ok->get<bool>()) return out;
    auto error = out.body.find("error");
    std::string code =
        error != out.body.end() && error->is_string() ? error->get<std::string>() : "unknown_error";
    out.kind = is_retryable_error(code) ? ApiResult::Kind::transient : ApiResult::Kind::error;
    out.error = code;
    return out;
}

}  // namespace firebreak::slack
