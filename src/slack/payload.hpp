#pragma once
// What the payload decoders share: reading untrusted JSON members, and the Inbound every
// Slack payload starts from. Pure: no HTTP, no front door (the fuzz targets build it).

#include <nlohmann/json.hpp>
#include <string>

#include "firebreak/app/inbound.hpp"
#include "firebreak/core/time.hpp"

namespace firebreak::slack::detail {

std::string string_at(const nlohmann::json& j, const char* key);
/// j[a][b] as a string, "" when any step is missing.
std::string string_at(const nlohmann::json& j, const char* a, const char* b);

/// A Slack Inbound with what every payload shares.
app::Inbound inbound(std::string team, std::string channel, std::string user, core::Timestamp now);

}  // namespace firebreak::slack::detail
