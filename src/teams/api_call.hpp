#pragma once
// One authorised JSON call to the connector or Graph, its answer sorted into an ApiResult.
// Internal to the Teams adapter.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "firebreak/http/client.hpp"
#include "firebreak/teams/api_result.hpp"
#include "firebreak/teams/tokens.hpp"

namespace firebreak::teams::detail {

/// Sends `body` (nullopt: none) to `url` with a bearer token from `tokens`; a 401 forgets
/// the token and tries once more with a new one. `what` names the call in errors
/// ("connector send"); the URL's path is never in them (it holds conversation ids only, but
/// logs stay short).
ApiResult call(http::HttpClient& client, TokenSource& tokens, http::Verb method,
               const std::string& url, const std::optional<nlohmann::json>& body,
               std::string_view what);

/// Whether an HTTP status is worth retrying: 429, 412, 500, 502, 503, 504.
bool transient_status(unsigned status);

}  // namespace firebreak::teams::detail
