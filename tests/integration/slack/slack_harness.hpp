#pragma once
// The Slack adapter end to end, in one process: the real HTTP server on loopback with the
// Slack routes, the service over a SQLite file, the outbox worker delivering to the fake
// Slack Web API, and a manual clock. Requests are signed exactly as Slack signs them.

#include <atomic>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "../../unit/http/test_server.hpp"
#include "fakes/fake_slack.hpp"
#include "fakes/manual_clock.hpp"
#include "firebreak/app/front_door.hpp"
#include "firebreak/app/incident_service.hpp"
#include "firebreak/app/outbox_worker.hpp"
#include "firebreak/slack/deliverer.hpp"
#include "firebreak/slack/endpoints.hpp"
#include "firebreak/slack/modals.hpp"
#include "firebreak/slack/signature.hpp"
#include "firebreak/slack/web_api.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "support/loopback_client.hpp"
#include "support/temp_dir.hpp"

namespace firebreak::slack::testing {

using namespace std::chrono_literals;

inline constexpr const char* kSecret = "8f742231b10e8888abcd99yyyzzz85a5";
inline constexpr const char* kAnnounce = "CANNOUNCE";

/// 2026-11-22 10:00 UTC.
inline core::Timestamp t0() {
    return core::Timestamp{core::Duration{1'795'341'600}};
}

/// "a=b&c=d" with each value percent-encoded as Slack does.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

struct SlackHarness {
    firebreak::testing::TempDir dir;
    fakes::ManualClock clock{t0()};
    std::atomic<int> signature_failures = 0;  // counted on the server's thread; outlives it
    fakes::FakeSlack fake;
    store::Store store{{dir.file("firebreak.db"), "normal"}};
    store::Store worker_store{{dir.file("firebreak.db"), "normal"}};
    app::IncidentService service;
    app::FrontDoor front_door;
    SlackEndpoints endpoints;
    std::shared_ptr<http::Router> router;
    std::unique_ptr<http::testing::TestServer> server;
    SlackWebApi api;
    SlackDeliverer deliverer{api};
    app::OutboxWorker worker;

    SlackHarness();

    /// Signs `body` for `path` at the clock's time (or `timestamp`) and posts it.
    http::Response post(const std::string& path, const std::string& body,
                        const std::string& content_type,
                        std::optional<std::string> signature = std::nullopt,
                        std::optional<std::string> timestamp = std::nullopt,
                        std::vector<std::pair<std::string, std::string>> headers = {});

    /// `/incident <text>` typed by `user` in `channel`.
    http::Response command(const std::string& user, const std::string& channel,
                           const std::string& text, const std::string& trigger = "");
    /// A block_actions payload for one action.
    http::Response action(const std::string& user, const std::string& channel,
                          const nlohmann::json& action_json, const std::string& trigger = "T1");
    http::Response submit(const std::string& user, const nlohmann::json& view);
    http::Response event(const nlohmann::json& event, const std::string& event_id, int retry = 0);

    /// Runs worker passes until nothing more may go now.
    void drain();
    /// Runs worker passes, moving the clock to each next due time (post pacing, retries),
    /// until the outbox is empty or `limit` of clock time has passed.
    void settle(core::Duration limit = std::chrono::minutes(10));

    /// The Slack channel of the only (or newest) incident.
    std::string incident_channel();
    int count(const std::string& sql);
};

}  // namespace firebreak::slack::testing
