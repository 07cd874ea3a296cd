#include "payload.hpp"

namespace firebreak::slack::detail {

std::string string_at(const nlohmann::json& j, const char* key) {
    if (!j.is_object()) return "";
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string string_at(const nlohmann::json& j, const char* a, const char* b) {
    if (!j.is_object()) return "";
    auto it = j.find(a);
    return it == j.end() ? std::string() : string_at(*it, b);
}

app::Inbound inbound(std::string team, std::string channel, std::string user, core::Timestamp now) {
    app::Inbound in;
    in.platform = "slack";
    in.workspace = std::move(team);
    in.conversation = std::move(channel);
    in.user = std::move(user);
    in.received_at = now;
    return in;
}

}  // namespace firebreak::slack::detail
