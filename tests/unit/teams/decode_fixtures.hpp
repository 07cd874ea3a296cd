#pragma once
// Activities shaped like the ones Teams posts (Bot Framework schema; ids in Teams' own
// formats), for the decoder's tests.

#include <nlohmann/json.hpp>
#include <string>

#include "firebreak/core/time.hpp"

namespace firebreak::teams::test {

inline const core::Timestamp kNow{core::Duration{1'795'341'600}};
inline constexpr const char* kTenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
inline constexpr const char* kAda = "6b8d7a3e-1f2c-4c5d-9e8f-0a1b2c3d4e5f";
inline constexpr const char* kGrace = "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b";
inline constexpr const char* kBot = "28:5ba1c3f0-0b4f-4c3e-9c1d-8f6e2a7b9d10";
inline constexpr const char* kChannel = "19:0b2f3c4d5e6f7a8b9c0d1e2f3a4b5c6d@thread.tacv2";
inline constexpr const char* kThread =
    "19:0b2f3c4d5e6f7a8b9c0d1e2f3a4b5c6d@thread.tacv2;messageid=1764601200000";
inline constexpr const char* kServiceUrl = "https://smba.trafficmanager.net/emea/";

/// The fields every activity has, in a channel thread, from Ada to the bot.
inline nlohmann::json activity(const char* type) {
    return {
        {"type", type},
        {"id", "1764601234567"},
        {"timestamp", "2026-12-01T15:00:34.567Z"},
        {"localTimestamp", "2026-12-01T16:00:34.567+01:00"},
        {"serviceUrl", kServiceUrl},
        {"channelId", "msteams"},
        {"from",
         {{"id", "29:1AbCdEfGhIjKlMnOpQrStUvWxYz-ada"},
          {"name", "Ada Lovelace"},
          {"aadObjectId", kAda}}},
        {"conversation",
         {{"isGroup", true},
          {"conversationType", "channel"},
          {"tenantId", kTenant},
          {"id", kThread}}},
        {"recipient", {{"id", kBot}, {"name", "firebreak"}}},
        {"channelData",
         {{"teamsChannelId", kChannel},
          {"teamsTeamId", "19:team0000@thread.tacv2"},
          {"channel", {{"id", kChannel}}},
          {"team", {{"id", "19:team0000@thread.tacv2"}}},
          {"tenant", {{"id", kTenant}}}}},
        {"locale", "en-GB"},
    };
}

/// A mention entity as Teams sends it.
inline nlohmann::json mention(const std::string& id, const std::string& name) {
    return {{"type", "mention"},
            {"text", "<at>" + name + "</at>"},
            {"mentioned", {{"id", id}, {"name", name}}}};
}

/// A channel message "@firebreak <text>" with its mention entity.
inline nlohmann::json channel_message(const std::string& after_mention) {
    auto a = activity("message");
    a["text"] = "<at>firebreak</at> " + after_mention;
    a["textFormat"] = "plain";
    a["entities"] = nlohmann::json::array(
        {mention(kBot, "firebreak"), {{"type", "clientInfo"}, {"locale", "en-GB"}}});
    return a;
}

/// An Action.Execute invoke whose data (inputs merged) is `data`.
inline nlohmann::json card_action(nlohmann::json data, const char* verb = "firebreak") {
    auto a = activity("invoke");
    a["name"] = "adaptiveCard/action";
    a["value"] = {
        {"action", {{"type", "Action.Execute"}, {"id", "act1"}, {"verb", verb}, {"data", data}}},
        {"trigger", "manual"}};
    return a;
}

}  // namespace firebreak::teams::test
