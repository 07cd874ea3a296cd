#pragma once
// Slack's Web API: POST {base}/<method> with a bot token and a JSON body. Every answer is
// sorted into what the outbox can do with it.

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "firebreak/core/time.hpp"
#include "firebreak/http/client.hpp"

namespace firebreak::slack {

struct ApiResult {
    enum class Kind {
        ok,         ///< HTTP 200 with "ok": true
        error,      ///< "ok": false with an error code that retrying cannot fix
        transient,  ///< 429, 5xx, a timeout, a reset, or a retryable error code
    };
    Kind kind = Kind::ok;
    nlohmann::json body;  ///< the answer, when one was read
    std::string error;    ///< Slack's error code, or what went wrong on the way
    std::optional<core::Duration> retry_after;  ///< from a 429's Retry-After

    bool ok() const { return kind == Kind::ok; }
};

/// Whether an "ok": false error code is worth trying again later.
bool is_retryable_error(std::string_view code);

class SlackWebApi {
  public:
    /// `base_url` is "https://slack.com/api" (or a loopback fake's URL in tests). The token
    /// is sent in the Authorization header only and never logged.
    SlackWebApi(std::string base_url, std::string bot_token, http::ClientOptions options = {});

    /// Calls `method` with `arguments` as its JSON body. Never throws for network trouble.
    ApiResult call(std::string_view method, const nlohmann::json& arguments);
    /// As call(), with the arguments form-encoded (application/x-www-form-urlencoded): the
    /// only encoding some methods read (files.getUploadURLExternal,
    /// files.completeUploadExternal).
    ApiResult call_form(std::string_view method,
                        const std::vector<std::pair<std::string, std::string>>& fields);
    /// POSTs `bytes` to an upload URL files.getUploadURLExternal gave. The URL is signed by
    /// Slack, so no token is sent: it never leaves for a host it was not meant for. ok for a
    /// 2xx; transient for 5xx and network trouble; an error otherwise.
    ApiResult upload(const std::string& url, std::string bytes);

  private:
    ApiResult send(std::string_view method, std::string_view content_type, std::string body);

    std::string base_url_;
    std::string authorization_;
    http::HttpClient client_;
};

}  // namespace firebreak::slack
