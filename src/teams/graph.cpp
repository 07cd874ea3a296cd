// Microsoft Graph's channel calls.
#include "firebreak/teams/graph.hpp"

#include "api_call.hpp"

namespace firebreak::teams {

using nlohmann::json;

json graph_member(const std::string& user, bool owner) {
    return {{"@odata.type", "#microsoft.graph.aadUserConversationMember"},
            {"roles", owner ? json::array({"owner"}) : json::array()},
            {"user@odata.bind", "https://graph.microsoft.com/v1.0/users('" + user + "')"}};
}

Graph::Graph(std::string base_url, http::HttpClient& client, TokenSource& tokens)
    : base_url_(std::move(base_url)), client_(client), tokens_(tokens) {
    while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

std::string Graph::channel_url(const std::string& team, const std::string& channel) const {
    return base_url_ + "/teams/" + http::percent_encode(team) + "/channels/" +
           http::percent_encode(channel);
}

ApiResult Graph::create_channel(const std::string& team, const std::string& name,
                                const std::string& description, bool is_private,
                                const std::string& owner) {
    json body{{"displayName", name},
              {"description", description},
              {"membershipType", is_private ? "private" : "standard"}};
    if (is_private && !owner.empty()) body["members"] = json::array({graph_member(owner, true)});
    return detail::call(client_, tokens_, http::Verb::post,
                        base_url_ + "/teams/" + http::percent_encode(team) + "/channels", body,
                        "graph create channel");
}

ApiResult Graph::get_channel(const std::string& team, const std::string& channel) {
    return detail::call(client_, tokens_, http::Verb::get, channel_url(team, channel), std::nullopt,
                        "graph get channel");
}

ApiResult Graph::set_description(const std::string& team, const std::string& channel,
                                 const std::string& description) {
    return detail::call(client_, tokens_, http::Verb::patch, channel_url(team, channel),
                        json{{"description", description}}, "graph set description");
}

ApiResult Graph::add_member(const std::string& team, const std::string& channel,
                            const std::string& user, bool owner) {
    return detail::call(client_, tokens_, http::Verb::post, channel_url(team, channel) + "/members",
                        graph_member(user, owner), "graph add member");
}

ApiResult Graph::get_message(const std::string& team, const std::string& channel,
                             const std::string& root, const std::string& id) {
    std::string url = channel_url(team, channel) + "/messages/";
    if (!root.empty() && root != id)
        url += http::percent_encode(root) + "/replies/" + http::percent_encode(id);
    else
        url += http::percent_encode(id);
    return detail::call(client_, tokens_, http::Verb::get, url, std::nullopt, "graph get message");
}

}  // namespace firebreak::teams
