#include "slack_harness.hpp"

#include "firebreak/web/group_commit.hpp"
#include "support/outbox_harness.hpp"

namespace firebreak::slack::testing {
namespace {

app::ServiceSettings settings() {
    app::ServiceSettings s;
    s.announce_conversations["slack"] = kAnnounce;
    return s;
}

}  // namespace

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const auto& [name, value] : fields) {
        if (!out.empty()) out += '&';
        out += name + "=";
        for (unsigned char c : value) {
            if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
                out += static_cast<char>(c);
            else if (c == ' ')
                out += '+';
            else
                out += std::string{'%', kHex[c >> 4], kHex[c & 15]};
        }
    }
    return out;
}

SlackHarness::SlackHarness()
    : service(store, clock, (store.migrate(), settings())),
      front_door(service, store, clock),
      endpoints(front_door, clock, EndpointSettings{kSecret, "pushpin"},
                EndpointHooks{[this] { ++signature_failures; }}),
      router(std::make_shared<http::Router>()),
      api(fake.base_url(), "xoxb-test-token"),
      worker(worker_store, clock, deliverer, app::OutboxWorkerOptions{}) {
    front_door.add_platform(platform_profile());
    fake.add_channel(kAnnounce, "incidents");
    fake.add_channel("CGENERAL", "general");
    endpoints.add_routes(*router);
    // Wired as `firebreak serve` wires it: requests that arrive together commit together.
    server = std::make_unique<http::testing::TestServer>(router, http::ServerLimits{}, nullptr, 1,
                                                         web::group_commits(store));
}

http::Response SlackHarness::post(const std::string& path, const std::string& body,
                                  const std::string& content_type,
                                  std::optional<std::string> signature,
                                  std::optional<std::string> timestamp,
                                  std::vector<std::pair<std::string, std::string>> headers) {
    std::string ts = timestamp.value_or(std::to_string(clock.now().time_since_epoch().count()));
    SlackSignatureVerifier signer(kSecret);
    http::Request request{http::Verb::post, path, 11};
    request.set(http::Field::content_type, content_type);
    request.set("X-Slack-Request-Timestamp", ts);
    request.set("X-Slack-Signature", signature.value_or(signer.sign(ts, body)));
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = body;
    http::testing::LoopbackClient client(server->port());
    return client.request(std::move(request));
}

http::Response SlackHarness::command(const std::string& user, const std::string& channel,
                                     const std::string& text, const std::string& trigger) {
    return post("/slack/commands",
                form_encode({{"team_id", "T1"},
                             {"channel_id", channel},
                             {"user_id", user},
                             {"command", "/incident"},
                             {"text", text},
                             {"response_url", "https://hooks.slack.com/commands/T1/1/x"},
                             {"trigger_id", trigger}}),
                "application/x-www-form-urlencoded");
}

http::Response SlackHarness::action(const std::string& user, const std::string& channel,
                                    const nlohmann::json& action_json, const std::string& trigger) {
    nlohmann::json payload{{"type", "block_actions"},
                           {"user", {{"id", user}}},
                           {"team", {{"id", "T1"}}},
                           {"trigger_id", trigger},
                           {"channel", {{"id", channel}}},
                           {"container", {{"type", "message"}, {"channel_id", channel}}},
                           {"actions", nlohmann::json::array({action_json})}};
    return post("/slack/interactions", form_encode({{"payload", payload.dump()}}),
                "application/x-www-form-urlencoded");
}

http::Response SlackHarness::submit(const std::string& user, const nlohmann::json& view) {
    nlohmann::json payload{{"type", "view_submission"}, {"user", {{"id", user}}}, {"view", view}};
    return post("/slack/interactions", form_encode({{"payload", payload.dump()}}),
                "application/x-www-form-urlencoded");
}

http::Response SlackHarness::event(const nlohmann::json& event, const std::string& event_id,
                                   int retry) {
    nlohmann::json body{
        {"type", "event_callback"}, {"team_id", "T1"},
        {"api_app_id", "A1"},       {"event", event},
        {"event_id", event_id},     {"event_time", clock.now().time_since_epoch().count()}};
    std::vector<std::pair<std::string, std::string>> headers;
    if (retry > 0) {
        headers.emplace_back("X-Slack-Retry-Num", std::to_string(retry));
        headers.emplace_back("X-Slack-Retry-Reason", "http_timeout");
    }
    return post("/slack/events", body.dump(), "application/json", std::nullopt, std::nullopt,
                headers);
}

void SlackHarness::drain() {
    for (int pass = 0; pass < 100; ++pass) {
        auto next = worker.deliver_due();
        if (!next || *next > clock.now()) return;
    }
    FAIL("the outbox did not settle in 100 passes");
}

void SlackHarness::settle(core::Duration limit) {
    firebreak::testing::settle_outbox(worker, clock, limit);
}

std::string SlackHarness::incident_channel() {
    auto tx = store.begin();
    auto incidents = tx.incidents(false, 1);
    REQUIRE_FALSE(incidents.empty());
    return incidents.front().conversation;
}

int SlackHarness::count(const std::string& sql) {
    return firebreak::testing::count_rows(dir.file("firebreak.db"), sql);
}

}  // namespace firebreak::slack::testing
