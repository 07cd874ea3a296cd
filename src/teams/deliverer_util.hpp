#pragma once
// Helpers the Teams deliverer's files share. Internal to the Teams adapter.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "firebreak/app/delivery.hpp"
#include "firebreak/chat/untrusted_json.hpp"
#include "firebreak/teams/api_result.hpp"

namespace firebreak::teams::detail {

/// A result that is not ok as the outbox's outcome: transient → retry (with Retry-After),
/// anything else → failed.
inline app::DeliveryOutcome outcome_of(const ApiResult& r) {
    if (r.kind == ApiResult::Kind::transient)
        return app::DeliveryOutcome::retry(r.error, r.retry_after);
    return app::DeliveryOutcome::failed(r.error);
}

inline nlohmann::json parse_object(const std::string& text) {
    nlohmann::json j = chat::parse_untrusted_json(text).value_or(nlohmann::json());
    return j.is_object() ? j : nlohmann::json::object();
}

inline std::string string_at(const nlohmann::json& j, const char* key) {
    if (!j.is_object()) return "";
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

inline bool flag(const nlohmann::json& j, const char* key) {
    if (!j.is_object()) return false;
    auto it = j.find(key);
    return it != j.end() && it->is_boolean() && it->get<bool>();
}

/// The channel of a conversation id: "19:…@thread.tacv2;messageid=1" → "19:…@thread.tacv2".
inline std::string channel_of(const std::string& conversation) {
    return conversation.substr(0, conversation.find(";messageid="));
}

/// The root message id of a thread's conversation id, "" for a channel's.
inline std::string root_of(const std::string& conversation) {
    auto at = conversation.find(";messageid=");
    return at == std::string::npos ? "" : conversation.substr(at + 11);
}

}  // namespace firebreak::teams::detail
