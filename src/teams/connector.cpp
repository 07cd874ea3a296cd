// The Bot Framework connector's REST calls (v3/conversations/...).
#include "firebreak/teams/connector.hpp"

#include <spdlog/spdlog.h>

#include "api_call.hpp"

namespace firebreak::teams {

using nlohmann::json;

std::string conversations_url(const std::string& service_url) {
    std::string base = service_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/v3/conversations";
}

namespace {

std::string activities_url(const std::string& service_url, const std::string& conversation) {
    return conversations_url(service_url) + "/" + http::percent_encode(conversation) +
           "/activities";
}

}  // namespace

ApiResult Connector::send(const std::string& service_url, const std::string& conversation,
                          const json& activity) {
    return detail::call(client_, tokens_, http::Verb::post,
                        activities_url(service_url, conversation), activity, "connector send");
}

ApiResult Connector::reply(const std::string& service_url, const std::string& conversation,
                           const std::string& activity_id, const json& activity) {
    return detail::call(
        client_, tokens_, http::Verb::post,
        activities_url(service_url, conversation) + "/" + http::percent_encode(activity_id),
        activity, "connector reply");
}

ApiResult Connector::update(const std::string& service_url, const std::string& conversation,
                            const std::string& activity_id, const json& activity) {
    json body = activity;
    body["id"] = activity_id;
    return detail::call(
        client_, tokens_, http::Verb::put,
        activities_url(service_url, conversation) + "/" + http::percent_encode(activity_id), body,
        "connector update");
}

std::optional<Person> Connector::member(const std::string& service_url,
                                        const std::string& conversation,
                                        const std::string& member_id) {
    const std::string channel = conversation.substr(0, conversation.find(";messageid="));
    ApiResult r =
        detail::call(client_, tokens_, http::Verb::get,
                     conversations_url(service_url) + "/" + http::percent_encode(channel) +
                         "/members/" + http::percent_encode(member_id),
                     std::nullopt, "connector member");
    if (!r.ok() || !r.body.is_object()) {
        spdlog::warn("teams: could not look up a mentioned member: {}", r.error);
        return std::nullopt;
    }
    Person person;
    person.member_id = member_id;
    if (auto it = r.body.find("aadObjectId"); it != r.body.end() && it->is_string())
        person.aad_id = it->get<std::string>();
    if (auto it = r.body.find("name"); it != r.body.end() && it->is_string())
        person.name = it->get<std::string>();
    if (person.aad_id.empty()) return std::nullopt;
    return person;
}

ApiResult Connector::create_conversation(const std::string& service_url, const json& parameters) {
    return detail::call(client_, tokens_, http::Verb::post, conversations_url(service_url),
                        parameters, "connector create conversation");
}

json Connector::channel_thread(const std::string& channel_id, const json& activity,
                               const std::string& tenant_id) {
    json out{{"isGroup", true},
             {"channelData", {{"channel", {{"id", channel_id}}}}},
             {"activity", activity}};
    if (!tenant_id.empty()) {
        out["tenantId"] = tenant_id;
        out["channelData"]["tenant"] = {{"id", tenant_id}};
    }
    return out;
}

json Connector::one_on_one(const std::string& member, const std::string& tenant_id) {
    json out{{"isGroup", false}, {"members", json::array({{{"id", member}}})}};
    if (!tenant_id.empty()) {
        out["tenantId"] = tenant_id;
        out["channelData"] = {{"tenant", {{"id", tenant_id}}}};
    }
    return out;
}

}  // namespace firebreak::teams
