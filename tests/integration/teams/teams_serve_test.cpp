// The real binary with Teams on: kill -9 in the middle of a declare's Teams steps, and
// Slack and Teams served by one process without either waiting for the other.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "fakes/fake_bot_identity.hpp"
#include "fakes/fake_slack.hpp"
#include "fakes/fake_teams.hpp"
#include "support/loopback_client.hpp"
#include "support/serve_process.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using fakes::TeamsAnswer;
using nlohmann::json;
namespace route = fakes::teams_route;

namespace {

constexpr const char* kTeam = "00000000-0000-0000-0000-0000000000aa";
constexpr const char* kAnnounce = "19:announce@thread.tacv2";
constexpr const char* kGeneral = "19:general@thread.tacv2";
constexpr const char* kSlackSecret = "serve-test-signing-secret";
constexpr const char* kAda = "00000000-0000-0000-0000-000000000001";

constexpr const char* kTenant = "11111111-1111-1111-1111-111111111111";

struct Fakes {
    // check-config wants GUIDs where Azure has them.
    fakes::FakeTeams teams{fakes::FakeTeams::Credentials{
        kTenant, "22222222-2222-2222-2222-222222222222", "serve-test-app-password"}};
    fakes::FakeBotIdentity identity;
    fakes::FakeSlack slack;
    Fakes() {
        teams.add_channel(fakes::TeamsChannel{kTeam, kAnnounce, "Incidents", "", false, {}, {}});
        teams.add_channel(fakes::TeamsChannel{kTeam, kGeneral, "General", "", false, {}, {}});
        slack.add_channel("CANNOUNCE", "incidents");
    }
};

std::string write_config(const firebreak::testing::TempDir& dir, const Fakes& f, bool slack) {
    std::string path = dir.file("firebreak.yaml");
    std::ofstream out(path);
    out << "server:\n  listen: \"127.0.0.1:0\"\n  admin_listen: \"127.0.0.1:0\"\n"
        << "storage:\n  sqlite:\n    path: \"" << dir.file("firebreak.db") << "\"\n"
        << "teams:\n  enabled: true\n"
        << "  app_id: \"${TEAMS_APP_ID}\"\n  app_password: \"${TEAMS_APP_PASSWORD}\"\n"
        << "  tenant_id: " << f.teams.credentials().tenant << "\n"
        << "  token_url: \"" << f.teams.token_url() << "\"\n"
        << "  graph_url: \"" << f.teams.graph_url() << "\"\n"
        << "  service_url: \"" << f.teams.service_url() << "\"\n"
        << "  openid_metadata_url: \"" << f.identity.metadata_url() << "\"\n"
        << "  incidents_team: \"" << kTeam << "\"\n"
        << "  announce_channel: \"" << kAnnounce << "\"\n";
    if (slack)
        out << "slack:\n  enabled: true\n  mode: http\n"
            << "  signing_secret: \"${SLACK_SIGNING_SECRET}\"\n"
            << "  bot_token: \"${SLACK_BOT_TOKEN}\"\n"
            << "  api_base_url: \"" << f.slack.base_url() << "\"\n"
            << "  announce_channel: CANNOUNCE\n";
    return path;
}

std::vector<std::pair<std::string, std::string>> environment(const Fakes& f) {
    return {{"TEAMS_APP_ID", f.teams.credentials().client_id},
            {"TEAMS_APP_PASSWORD", f.teams.credentials().client_secret},
            {"SLACK_SIGNING_SECRET", kSlackSecret},
            {"SLACK_BOT_TOKEN", "xoxb-test-token"}};
}

/// "@firebreak <text>" from Ada in General, signed at the real time (the binary's clock).
http::Response say(std::uint16_t port, const Fakes& f, const std::string& text, int id) {
    json activity{
        {"type", "message"},
        {"id", "serve-" + std::to_string(id)},
        {"serviceUrl", f.teams.service_url()},
        {"channelId", "msteams"},
        {"from", {{"id", "29:ada"}, {"name", "Ada"}, {"aadObjectId", kAda}}},
        {"conversation",
         {{"id", std::string(kGeneral) + ";messageid=" + std::to_string(id)},
          {"conversationType", "channel"},
          {"tenantId", kTenant}}},
        {"recipient", {{"id", "28:bot-app-id"}, {"name", "firebreak"}}},
        {"text", "<at>firebreak</at> " + text},
        {"entities",
         json::array({{{"type", "mention"},
                       {"text", "<at>firebreak</at>"},
                       {"mentioned", {{"id", "28:bot-app-id"}, {"name", "firebreak"}}}}})},
        {"channelData",
         {{"tenant", {{"id", kTenant}}},
          {"team", {{"id", kTeam}}},
          {"channel", {{"id", kGeneral}}}}}};
    const auto now = core::Timestamp(std::chrono::duration_cast<core::Duration>(
        std::chrono::system_clock::now().time_since_epoch()));
    http::Request request{http::Verb::post, "/teams/messages", 11};
    request.set(http::Field::content_type, "application/json");
    request.set(http::Field::authorization,
                "Bearer " + f.identity.sign(fakes::FakeBotIdentity::valid_claims(
                                f.teams.credentials().client_id, f.teams.service_url(), now)));
    request.body() = activity.dump();
    http::testing::LoopbackClient client(port);
    return client.request(std::move(request));
}

/// A conversation id as it reads in a connector URL's path.
std::string encoded(const std::string& id) {
    std::string out;
    for (char c : id)
        out += c == ':' ? std::string("%3A") : c == '@' ? std::string("%40") : std::string(1, c);
    return out;
}

}  // namespace

TEST_CASE("kill -9 between a Teams channel's creation and its card; the restart posts it once") {
    firebreak::testing::TempDir dir;
    Fakes f;
    std::string config = write_config(dir, f, false);
    std::size_t sent_before = 0;
    // Every post fails for now: the bot dies with the channel made and its card not posted.
    for (int i = 0; i < 50; ++i) f.teams.script(route::send, TeamsAnswer::error(503));
    {
        firebreak::testing::ServeProcess serve(config, environment(f));
        REQUIRE(say(serve.port(), f, "declare Checkout down sev1", 1).result_int() == 200);
        REQUIRE(f.teams.wait_for_calls(route::create_channel, 1, std::chrono::seconds(30)));
        const std::string name =
            f.teams.calls(route::create_channel).front().body["displayName"].get<std::string>();
        // Until the card's post has been tried in the new channel (and refused).
        bool tried = false;
        for (std::size_t n = 1;
             !tried && f.teams.wait_for_calls(route::send, n, std::chrono::seconds(30)); ++n) {
            auto channel = f.teams.channel_named(kTeam, name);
            for (const auto& call : f.teams.calls(route::send))
                tried =
                    tried || (channel && call.path.find(encoded(channel->id)) != std::string::npos);
        }
        REQUIRE(tried);
        CHECK(serve.stop(SIGKILL) == 128 + SIGKILL);
        sent_before = f.teams.calls(route::send).size();
    }
    f.teams.clear_scripts();

    firebreak::testing::ServeProcess serve(config, environment(f));
    // The private reply, the summary, the checklist and the announcement.
    REQUIRE(f.teams.wait_for_calls(route::send, sent_before + 4, std::chrono::seconds(60)));
    // A graceful stop finishes the delivery in progress: every answer is in.
    CHECK(serve.stop(SIGTERM) == 0);
    CHECK(f.teams.calls(route::create_channel).size() == 1);  // the channel is reused
    auto created = f.teams.calls(route::create_channel).front().body["displayName"];
    auto channel = f.teams.channel_named(kTeam, created.get<std::string>());
    REQUIRE(channel);
    CHECK(channel->description.find("SEV1") == 0);
    // The summary and the checklist once each in the channel, the announcement once.
    CHECK(f.teams.activities(channel->id).size() == 2);
    CHECK(f.teams.activities(kAnnounce).size() == 1);
    CHECK(serve.output().find(f.teams.credentials().client_secret) == std::string::npos);
}

TEST_CASE("Slack and Teams in one serve: each incident on its own platform, neither waits") {
    firebreak::testing::TempDir dir;
    Fakes f;
    firebreak::testing::ServeProcess serve(write_config(dir, f, true), environment(f));
    // Teams' connector hangs from its first post on.
    f.teams.script(route::send, TeamsAnswer::stalled());
    REQUIRE(say(serve.port(), f, "declare Teams side sev2", 1).result_int() == 200);
    REQUIRE(f.teams.wait_for_calls(route::send, 1, std::chrono::seconds(30)));

    auto reply = firebreak::testing::post_signed_command(
        serve.port(), kSlackSecret,
        "team_id=T1&channel_id=CGENERAL&user_id=U1&command=%2Fincident&text=declare+Slack+side+"
        "sev2&trigger_id=TR1");
    REQUIRE(reply.result_int() == 200);
    // Slack's whole declare goes through while Teams is stalled.
    REQUIRE(f.slack.wait_for_calls("pins.add", 1, std::chrono::seconds(30)));
    CHECK(f.teams.stalled_count() == 1);
    for (const auto& call : f.slack.calls("conversations.create"))
        CHECK(call.body["name"].get<std::string>().find("slack-side") != std::string::npos);
    for (const auto& call : f.teams.calls(route::create_channel))
        CHECK(call.body["displayName"].get<std::string>().find("teams-side") != std::string::npos);
    f.teams.release_stalled();
    CHECK(serve.stop(SIGTERM) == 0);
}
