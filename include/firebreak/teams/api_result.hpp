#pragma once
// What a call to the Bot Framework connector or Microsoft Graph came to, sorted into what
// the outbox can do with it (as slack::ApiResult is for Slack).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "firebreak/core/time.hpp"

namespace firebreak::teams {

struct ApiResult {
    enum class Kind {
        ok,         ///< a 2xx
        error,      ///< refused in a way retrying cannot fix (400, 403, 404, 409, ...)
        transient,  ///< 429, 412, 500, 502, 503, 504, network trouble, no token yet
        too_large,  ///< 413: the message is over Teams' size limit; split it
    };
    Kind kind = Kind::ok;
    unsigned status = 0;  ///< the HTTP status; 0 when no answer was read
    nlohmann::json body;  ///< the answer's JSON, when it had any
    /// What went wrong, for logs and outbox errors: "<call>: HTTP 403 (Forbidden: ...)".
    /// Never holds a token or the secret.
    std::string error;
    std::optional<core::Duration> retry_after;  ///< from Retry-After (429, 503)

    bool ok() const { return kind == Kind::ok; }
};

}  // namespace firebreak::teams
