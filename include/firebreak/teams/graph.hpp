#pragma once
// Microsoft Graph, for what the Bot Framework cannot do: a channel per incident, its
// description, members of a private channel, and reading a channel message back.

#include <nlohmann/json.hpp>
#include <string>

#include "firebreak/http/client.hpp"
#include "firebreak/teams/api_result.hpp"
#include "firebreak/teams/tokens.hpp"

namespace firebreak::teams {

inline constexpr const char* kDefaultGraphUrl = "https://graph.microsoft.com/v1.0";

class Graph {
  public:
    /// `base_url` is config teams.graph_url (kDefaultGraphUrl, or a fake's in tests);
    /// `tokens` has the Graph scope. Client and tokens must outlive it.
    Graph(std::string base_url, http::HttpClient& client, TokenSource& tokens);

    /// POST /teams/{team}/channels → 201 with the channel ("id"). 409: the name is taken;
    /// 403: the app may not create channels. A private channel is created with
    /// `owner` (an Entra id) as its owner, which Graph requires of an application.
    ApiResult create_channel(const std::string& team, const std::string& name,
                             const std::string& description, bool is_private,
                             const std::string& owner);
    /// GET /teams/{team}/channels/{channel} ("membershipType" says whether it is private).
    ApiResult get_channel(const std::string& team, const std::string& channel);
    /// PATCH /teams/{team}/channels/{channel} {description} → 204.
    ApiResult set_description(const std::string& team, const std::string& channel,
                              const std::string& description);
    /// POST /teams/{team}/channels/{channel}/members: the person (Entra id) added to a
    /// private channel, as an owner when `owner`.
    ApiResult add_member(const std::string& team, const std::string& channel,
                         const std::string& user, bool owner);
    /// GET /teams/{team}/channels/{channel}/messages/{id}, or, for a reply in a thread
    /// (`root` not "" and not `id`), …/messages/{root}/replies/{id}.
    ApiResult get_message(const std::string& team, const std::string& channel,
                          const std::string& root, const std::string& id);

  private:
    std::string channel_url(const std::string& team, const std::string& channel) const;

    std::string base_url_;
    http::HttpClient& client_;
    TokenSource& tokens_;
};

/// The aadUserConversationMember Graph adds to a channel (or creates it with).
nlohmann::json graph_member(const std::string& user, bool owner);

}  // namespace firebreak::teams
