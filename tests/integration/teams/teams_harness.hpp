#pragma once
// The Teams adapter end to end, in one process: the real HTTP server on loopback with
// POST /teams/messages, the service over a SQLite file, the outbox worker delivering to the
// fake token endpoint, connector and Graph, and a manual clock. Every activity carries a
// Bot Framework JWT signed by the fake identity service, as Teams sends them.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "../../unit/http/test_server.hpp"
#include "fakes/fake_bot_identity.hpp"
#include "fakes/fake_teams.hpp"
#include "fakes/manual_clock.hpp"
#include "firebreak/app/front_door.hpp"
#include "firebreak/app/incident_service.hpp"
#include "firebreak/app/outbox_worker.hpp"
#include "firebreak/http/client.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "firebreak/teams/bot_auth.hpp"
#include "firebreak/teams/connector.hpp"
#include "firebreak/teams/deliverer.hpp"
#include "firebreak/teams/directory.hpp"
#include "firebreak/teams/endpoint.hpp"
#include "firebreak/teams/graph.hpp"
#include "firebreak/teams/tokens.hpp"
#include "support/loopback_client.hpp"
#include "support/temp_dir.hpp"

namespace firebreak::teams::testing {

using namespace std::chrono_literals;

inline constexpr const char* kTeam = "00000000-0000-0000-0000-0000000000aa";
inline constexpr const char* kAnnounce = "19:announce@thread.tacv2";
inline constexpr const char* kGeneral = "19:general@thread.tacv2";
inline constexpr const char* kBotId = "28:bot-app-id";

/// 2026-11-22 10:00 UTC.
inline core::Timestamp t0() {
    return core::Timestamp{core::Duration{1'795'341'600}};
}

/// Someone in the tenant: their Entra id, member id and name.
struct Someone {
    std::string aad;
    std::string member;
    std::string name;
};
Someone person(int n);  ///< person(1): Ada, person(2): Bea, person(3): Cem, ...

struct TeamsHarness {
    firebreak::testing::TempDir dir;
    fakes::ManualClock clock{t0()};
    fakes::FakeTeams fake;
    fakes::FakeBotIdentity identity;
    store::Store store{{dir.file("firebreak.db"), "normal"}};
    store::Store worker_store{{dir.file("firebreak.db"), "normal"}};
    app::IncidentService service;
    app::FrontDoor front_door;
    http::HttpClient client;
    TokenSource bot_tokens;
    TokenSource graph_tokens;
    Connector connector;
    Graph graph;
    Directory directory;
    BotAuthenticator auth;
    TeamsEndpoint endpoint;
    std::shared_ptr<http::Router> router;
    std::unique_ptr<http::testing::TestServer> server;
    TeamsDeliverer deliverer;
    app::OutboxWorker worker;
    int auth_failures = 0;
    int next_activity = 1;

    explicit TeamsHarness(bool thread_mode = false);

    /// POSTs `activity` to /teams/messages with a valid token (or `token`, "" for none).
    http::Response post(const nlohmann::json& activity,
                        std::optional<std::string> token = std::nullopt);
    /// A token as the Bot Framework signs it, valid at the clock's time.
    std::string token() const;

    /// The activity fields every request has, from `who` in `conversation`.
    nlohmann::json activity(const std::string& type, const Someone& who,
                            const std::string& conversation);
    /// "@firebreak <text>" posted by `who` in `conversation` (a channel id; the message
    /// starts a new thread there).
    http::Response say(const Someone& who, const std::string& conversation, const std::string& text,
                       const nlohmann::json& more_entities = {});
    /// An Action.Execute of `data` (and `inputs` merged in), as Teams sends it.
    http::Response execute(const Someone& who, const std::string& conversation, nlohmann::json data,
                           const nlohmann::json& inputs = {});

    /// Runs worker passes, moving the clock to each next due time, until the outbox is empty.
    void settle(core::Duration limit = std::chrono::minutes(10));

    /// The conversation of the only (or newest) incident.
    std::string incident_conversation();
    int count(const std::string& sql);
};

/// The data of the Action.Execute titled `title` in a message activity's card.
nlohmann::json action_data(const nlohmann::json& activity, const std::string& title);
/// The activities in `conversation` whose card text contains `text`.
std::vector<fakes::TeamsActivity> containing(const fakes::FakeTeams& fake,
                                             const std::string& conversation,
                                             const std::string& text);

}  // namespace firebreak::teams::testing
