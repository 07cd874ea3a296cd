#include "teams_harness.hpp"

#include "firebreak/teams/profile.hpp"
#include "firebreak/web/group_commit.hpp"
#include "support/outbox_harness.hpp"

namespace firebreak::teams::testing {
namespace {

using nlohmann::json;

app::ServiceSettings settings() {
    app::ServiceSettings s;
    s.announce_conversations["teams"] = kAnnounce;
    s.name_rules["teams"] = core::NameRules{50};
    return s;
}

TokenSettings token_settings(const fakes::FakeTeams& fake, const char* scope) {
    return TokenSettings{fake.token_url(), fake.credentials().client_id,
                         fake.credentials().client_secret, scope};
}

/// Every Action.Execute in `node`, depth first.
void collect_actions(const json& node, std::vector<json>& out) {
    if (node.is_object()) {
        if (node.value("type", "") == "Action.Execute") out.push_back(node);
        for (const auto& [key, value] : node.items()) collect_actions(value, out);
    } else if (node.is_array()) {
        for (const auto& value : node) collect_actions(value, out);
    }
}

}  // namespace

Someone person(int n) {
    static const char* names[] = {"Ada", "Bea", "Cem", "Dan", "Eve", "Fay"};
    char aad[40];
    std::snprintf(aad, sizeof aad, "00000000-0000-0000-0000-%012d", n);
    return Someone{aad, "29:member-" + std::to_string(n), names[(n - 1) % 6]};
}

TeamsHarness::TeamsHarness(bool thread_mode)
    : service(store, clock, (store.migrate(), settings())),
      front_door(service, store, clock),
      bot_tokens(token_settings(fake, kBotFrameworkScope), client, clock),
      graph_tokens(token_settings(fake, kGraphScope), client, clock),
      connector(client, bot_tokens),
      graph(fake.graph_url(), client, graph_tokens),
      auth(AuthSettings{fake.credentials().client_id, identity.metadata_url()}, clock),
      endpoint(
          front_door, clock, auth, directory, DecodeSettings{thread_mode, "like"},
          [this](const std::string& service_url, const std::string& conversation,
                 const std::string& member) {
              return connector.member(service_url, conversation, member);
          },
          EndpointHooks{[this] { ++auth_failures; }}),
      router(std::make_shared<http::Router>()),
      deliverer(connector, graph, directory,
                DeliverySettings{kTeam, thread_mode, kAnnounce, fake.service_url(), "tenant-1"}),
      worker(worker_store, clock, deliverer, app::OutboxWorkerOptions{}) {
    front_door.add_platform(platform_profile());
    fake.add_channel(fakes::TeamsChannel{kTeam, kAnnounce, "Incidents", "", false, {}, {}});
    fake.add_channel(fakes::TeamsChannel{kTeam, kGeneral, "General", "", false, {}, {}});
    endpoint.add_routes(*router);
    server = std::make_unique<http::testing::TestServer>(router, http::ServerLimits{}, nullptr, 1,
                                                         web::group_commits(store));
}

std::string TeamsHarness::token() const {
    return identity.sign(fakes::FakeBotIdentity::valid_claims(fake.credentials().client_id,
                                                              fake.service_url(), clock.now()));
}

http::Response TeamsHarness::post(const json& activity, std::optional<std::string> token) {
    http::Request request{http::Verb::post, "/teams/messages", 11};
    request.set(http::Field::content_type, "application/json; charset=utf-8");
    std::string bearer = token.value_or(this->token());
    if (!bearer.empty()) request.set(http::Field::authorization, "Bearer " + bearer);
    request.body() = activity.dump();
    http::testing::LoopbackClient loopback(server->port());
    return loopback.request(std::move(request));
}

json TeamsHarness::activity(const std::string& type, const Someone& who,
                            const std::string& conversation) {
    const std::string channel = conversation.substr(0, conversation.find(";messageid="));
    return json{{"type", type},
                {"id", "f:" + std::to_string(next_activity++)},
                {"timestamp", "2026-11-22T10:00:00.000Z"},
                {"serviceUrl", fake.service_url()},
                {"channelId", "msteams"},
                {"from", {{"id", who.member}, {"name", who.name}, {"aadObjectId", who.aad}}},
                {"conversation",
                 {{"id", conversation},
                  {"conversationType", "channel"},
                  {"tenantId", "tenant-1"},
                  {"isGroup", true}}},
                {"recipient", {{"id", kBotId}, {"name", "firebreak"}}},
                {"channelData",
                 {{"tenant", {{"id", "tenant-1"}}},
                  {"team", {{"id", kTeam}}},
                  {"channel", {{"id", channel}}}}}};
}

http::Response TeamsHarness::say(const Someone& who, const std::string& conversation,
                                 const std::string& text, const json& more_entities) {
    // A new post in a channel arrives in a conversation of its own thread.
    const std::string thread =
        conversation.find(";messageid=") == std::string::npos
            ? conversation + ";messageid=" + std::to_string(1700000000000 + next_activity)
            : conversation;
    json a = activity("message", who, thread);
    a["text"] = "<at>firebreak</at> " + text;
    a["textFormat"] = "plain";
    json entities = json::array({{{"type", "mention"},
                                  {"text", "<at>firebreak</at>"},
                                  {"mentioned", {{"id", kBotId}, {"name", "firebreak"}}}}});
    if (more_entities.is_array())
        for (const auto& e : more_entities) entities.push_back(e);
    a["entities"] = entities;
    return post(a);
}

http::Response TeamsHarness::execute(const Someone& who, const std::string& conversation, json data,
                                     const json& inputs) {
    json a = activity("invoke", who, conversation);
    a["name"] = "adaptiveCard/action";
    if (inputs.is_object())
        for (const auto& [key, value] : inputs.items()) data[key] = value;
    a["value"] = {{"action", {{"type", "Action.Execute"}, {"verb", "firebreak"}, {"data", data}}},
                  {"trigger", "manual"}};
    return post(a);
}

void TeamsHarness::settle(core::Duration limit) {
    firebreak::testing::settle_outbox(worker, clock, limit);
}

std::string TeamsHarness::incident_conversation() {
    auto tx = store.begin();
    auto incidents = tx.incidents(false, 1);
    REQUIRE_FALSE(incidents.empty());
    return incidents.front().conversation;
}

int TeamsHarness::count(const std::string& sql) {
    return firebreak::testing::count_rows(dir.file("firebreak.db"), sql);
}

json action_data(const json& activity, const std::string& title) {
    std::vector<json> actions;
    collect_actions(activity, actions);
    for (const auto& a : actions)
        if (a.value("title", "") == title) return a["data"];
    FAIL("no action titled " << title << " in " << activity.dump());
    return {};
}

std::vector<fakes::TeamsActivity> containing(const fakes::FakeTeams& fake,
                                             const std::string& conversation,
                                             const std::string& text) {
    std::vector<fakes::TeamsActivity> found;
    for (const auto& a : fake.activities(conversation))
        if (a.activity.dump().find(text) != std::string::npos) found.push_back(a);
    return found;
}

}  // namespace firebreak::teams::testing
