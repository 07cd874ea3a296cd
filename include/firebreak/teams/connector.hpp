#pragma once
// The Bot Framework connector: messages sent, replied, edited, and conversations started,
// each relative to the serviceUrl the conversation's activities came from.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "firebreak/http/client.hpp"
#include "firebreak/teams/api_result.hpp"
#include "firebreak/teams/directory.hpp"
#include "firebreak/teams/tokens.hpp"

namespace firebreak::teams {

class Connector {
  public:
    /// `tokens` has the Bot Framework scope. Both must outlive the connector.
    Connector(http::HttpClient& client, TokenSource& tokens) : client_(client), tokens_(tokens) {}

    /// POST v3/conversations/{id}/activities: a new message (in a channel: a new post; in a
    /// thread's conversation "…;messageid=<root>": a reply in it). The answer's "id" is the
    /// new activity's.
    ApiResult send(const std::string& service_url, const std::string& conversation,
                   const nlohmann::json& activity);
    /// POST v3/conversations/{id}/activities/{activityId}: a reply in that message's thread.
    ApiResult reply(const std::string& service_url, const std::string& conversation,
                    const std::string& activity_id, const nlohmann::json& activity);
    /// PUT v3/conversations/{id}/activities/{activityId}: the message replaced.
    ApiResult update(const std::string& service_url, const std::string& conversation,
                     const std::string& activity_id, const nlohmann::json& activity);
    /// POST v3/conversations with `parameters` (channel_thread() or one_on_one()); the answer
    /// carries the conversation's "id" (and "activityId" for a thread).
    ApiResult create_conversation(const std::string& service_url, const nlohmann::json& parameters);

    /// GET v3/conversations/{id}/members/{member}: who a member id ("29:…") is, for a
    /// mention the directory did not know. nullopt when Teams could not say (the answer is
    /// logged, never retried: the request that asked is waiting).
    std::optional<Person> member(const std::string& service_url, const std::string& conversation,
                                 const std::string& member_id);

    /// A new thread in a channel, started by `activity`.
    static nlohmann::json channel_thread(const std::string& channel_id,
                                         const nlohmann::json& activity,
                                         const std::string& tenant_id);
    /// A 1:1 chat with the person whose Entra id (or "29:…" member id) is `member`.
    static nlohmann::json one_on_one(const std::string& member, const std::string& tenant_id);

  private:
    http::HttpClient& client_;
    TokenSource& tokens_;
};

/// "{service_url}v3/conversations" with exactly one '/' between them.
std::string conversations_url(const std::string& service_url);

}  // namespace firebreak::teams
