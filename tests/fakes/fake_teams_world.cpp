// FakeTeams' world: what the connector and Graph routes do to it.
#include <algorithm>

#include "fakes/fake_teams.hpp"

namespace firebreak::fakes {
namespace {

using nlohmann::json;

http::Response reply(unsigned status, const json& body) {
    http::Response response = http::make_response(
        http::Status::ok, body.is_null() ? "" : body.dump(), "application/json");
    response.result(status);
    return response;
}

http::Response error_reply(unsigned status, const std::string& code, const std::string& message) {
    return reply(status, json{{"error", {{"code", code}, {"message", message}}}});
}

std::string bound_user(const json& member) {
    std::string bind = member.is_object() ? member.value("user@odata.bind", "") : "";
    auto open = bind.find("('");
    auto close = bind.rfind("')");
    if (open == std::string::npos || close == std::string::npos || close < open + 2) return "";
    return bind.substr(open + 2, close - open - 2);
}

bool is_owner(const json& member) {
    if (!member.is_object() || !member.contains("roles") || !member["roles"].is_array())
        return false;
    for (const auto& r : member["roles"])
        if (r == "owner") return true;
    return false;
}

}  // namespace

http::Response FakeTeams::connector(const std::string& route,
                                    const std::vector<std::string>& segments, const json& body) {
    if (route == teams_route::member) {
        auto it = profiles_.find(segments[5]);
        if (it == profiles_.end()) return error_reply(404, "NotFound", "no such member");
        return reply(200, json{{"id", segments[5]},
                               {"aadObjectId", it->second.first},
                               {"name", it->second.second}});
    }
    if (route == teams_route::create_conversation) {
        if (body.value("isGroup", false)) {
            std::string channel;
            if (body.contains("channelData") && body["channelData"].is_object() &&
                body["channelData"].contains("channel") &&
                body["channelData"]["channel"].is_object())
                channel = body["channelData"]["channel"].value("id", "");
            if (channel.empty() || !body.contains("activity"))
                return error_reply(400, "BadArgument", "channelData.channel.id and activity");
            std::string id = new_id("act-");
            std::string conversation = channel + ";messageid=" + id;
            activities_.push_back(TeamsActivity{id, conversation, "", body["activity"], 0});
            return reply(201, json{{"id", conversation}, {"activityId", id}});
        }
        if (!body.contains("members") || !body["members"].is_array() || body["members"].empty() ||
            !body["members"][0].is_object() || body.value("tenantId", "").empty())
            return error_reply(400, "BadArgument", "members and tenantId");
        if (refuse_chats_)
            return error_reply(403, "Forbidden", "the user has not installed the app");
        std::string member = body["members"][0].value("id", "");
        for (const auto& [id, who] : chats_)
            if (who == member) return reply(201, json{{"id", id}});
        std::string id = "a:chat-" + std::to_string(next_id_++);
        chats_[id] = member;
        return reply(201, json{{"id", id}});
    }
    const std::string& conversation = segments[3];
    if (body.dump().size() > size_limit_)
        return error_reply(413, "MessageSizeTooBig", "Activity body too large for processing");
    if (route == teams_route::send || route == teams_route::reply) {
        std::string reply_to = route == teams_route::reply ? segments[5] : "";
        std::string id = new_id("act-");
        activities_.push_back(TeamsActivity{id, conversation, reply_to, body, 0});
        return reply(201, json{{"id", id}});
    }
    // update
    for (auto& a : activities_)
        if (a.id == segments[5] &&
            (a.conversation == conversation || a.conversation.starts_with(conversation + ";"))) {
            a.activity = body;
            ++a.edits;
            return reply(200, json{{"id", a.id}});
        }
    return error_reply(404, "ActivityNotFoundInConversation", "no such activity");
}

http::Response FakeTeams::graph(const std::string& route, const std::vector<std::string>& s,
                                const json& body) {
    const std::string& team = s[3];
    if (route == teams_route::create_channel) {
        std::string name = body.value("displayName", "");
        if (name.empty()) return error_reply(400, "BadRequest", "displayName is required");
        for (const auto& c : channels_)
            if (c.team == team && c.name == name)
                return error_reply(409, "NameAlreadyExists",
                                   "Channel name already existed, please use other name.");
        TeamsChannel channel;
        channel.team = team;
        channel.id = "19:" + new_id("chan") + "@thread.tacv2";
        channel.name = name;
        channel.description = body.value("description", "");
        channel.is_private = body.value("membershipType", "standard") == "private";
        if (channel.is_private) {
            if (!body.contains("members") || !body["members"].is_array())
                return error_reply(400, "BadRequest",
                                   "a private channel created by an app needs an owner");
            for (const auto& m : body["members"])
                if (is_owner(m)) channel.owners.push_back(bound_user(m));
            if (channel.owners.empty())
                return error_reply(400, "BadRequest", "a private channel needs an owner");
        }
        channels_.push_back(channel);
        return reply(201, json{{"id", channel.id},
                               {"displayName", channel.name},
                               {"membershipType", channel.is_private ? "private" : "standard"}});
    }
    auto found = std::find_if(channels_.begin(), channels_.end(), [&](const TeamsChannel& c) {
        return c.team == team && c.id == s[5];
    });
    if (route == teams_route::get_message) {
        std::string root = s.size() == 10 ? s[7] : "";
        std::string id = s.size() == 10 ? s[9] : s[7];
        auto m = messages_.find(s[5] + "|" + root + "|" + id);
        if (m == messages_.end()) return error_reply(404, "NotFound", "no such message");
        return reply(200, m->second);
    }
    if (found == channels_.end()) return error_reply(404, "NotFound", "no such channel");
    if (route == teams_route::get_channel)
        return reply(200, json{{"id", found->id},
                               {"displayName", found->name},
                               {"description", found->description},
                               {"membershipType", found->is_private ? "private" : "standard"}});
    if (route == teams_route::patch_channel) {
        if (body.contains("description") && body["description"].is_string())
            found->description = body["description"].get<std::string>();
        return reply(204, json());
    }
    // add_member
    if (!found->is_private)
        return error_reply(400, "BadRequest", "members of a standard channel are the team's");
    std::string user = bound_user(body);
    if (user.empty()) return error_reply(400, "BadRequest", "user@odata.bind");
    auto& list = is_owner(body) ? found->owners : found->members;
    if (std::find(found->owners.begin(), found->owners.end(), user) != found->owners.end() ||
        std::find(found->members.begin(), found->members.end(), user) != found->members.end())
        return error_reply(409, "Conflict", "already a member");
    list.push_back(user);
    return reply(201, json{{"id", "member-" + user}});
}

}  // namespace firebreak::fakes
