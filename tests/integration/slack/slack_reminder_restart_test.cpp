// kill -9 with a reminder overdue: the real binary fires it once on start, and a restart
// does not fire it again.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "fakes/fake_slack.hpp"
#include "fakes/manual_clock.hpp"
#include "firebreak/app/front_door.hpp"
#include "firebreak/app/incident_service.hpp"
#include "firebreak/slack/endpoints.hpp"
#include "firebreak/slack/signature.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "support/inbound.hpp"
#include "support/loopback_client.hpp"
#include "support/serve_process.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;

namespace {

constexpr const char* kSecret = "reminder-restart-secret";

/// A SEV1 declared 20 minutes ago in channel CINC, its messages already delivered, so its
/// 15-minute update reminder is 5 minutes overdue when serve starts.
void prepare_database(const std::string& path) {
    store::Store store({path, "normal"});
    store.migrate();
    auto real_now = std::chrono::time_point_cast<core::Duration>(std::chrono::system_clock::now());
    fakes::ManualClock clock(real_now - std::chrono::minutes(20));
    // Reminder rows are armed when the incident changes: only the update reminder is on, so
    // every post is accounted for.
    app::ServiceSettings settings;
    settings.reminders.unassigned_role_after = std::nullopt;
    settings.reminders.overdue_escalate_after = std::nullopt;
    app::IncidentService service(store, clock, settings);
    app::FrontDoor front_door(service, store, clock);
    front_door.add_platform(slack::platform_profile());
    front_door.handle(
        testing::typed_command("slack", "CGENERAL", "U1", "declare Checkout down sev1"));
    auto tx = store.begin();
    auto incident = tx.incidents(false, 1).front();
    incident.conversation = "CINC";
    tx.update(incident);
    for (const auto& item : tx.deliverable(core::Timestamp::max(), 100))
        tx.mark_delivered(item.id, clock.now());
    tx.commit();
}

http::Response signed_command(std::uint16_t port, const std::string& channel,
                              const std::string& text) {
    return firebreak::testing::post_signed_command(
        port, kSecret,
        "team_id=T1&channel_id=" + channel + "&user_id=U1&command=%2Fincident&text=" + text +
            "&trigger_id=");
}

/// Outbox posts the serving process has recorded as delivered (read through SQLite).
int delivered_posts(const std::string& db_path) {
    sqlite3* db = nullptr;
    int n = -1;
    if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_busy_timeout(db, 1000);
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db,
                               "SELECT COUNT(*) FROM outbox WHERE kind = 'post' AND "
                               "delivered_at IS NOT NULL",
                               -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW)
            n = sqlite3_column_int(stmt, 0);
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return n;
}

/// Waits (up to 30 s) for the server to record a delivery: a condition, not a time.
bool wait_for_delivered_posts(const std::string& db_path, int n) {
    auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (delivered_posts(db_path) < n) {
        if (std::chrono::steady_clock::now() > give_up) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

int nudges(const fakes::FakeSlack& fake) {
    int n = 0;
    for (const auto& m : fake.messages("CINC"))
        if (m.text.find("stakeholder update was due") != std::string::npos) ++n;
    return n;
}

}  // namespace

TEST_CASE("an overdue reminder fires once across a kill -9 and a restart") {
    firebreak::testing::TempDir dir;
    fakes::FakeSlack fake;
    fake.add_channel("CINC", "inc-checkout-down");
    prepare_database(dir.file("firebreak.db"));
    std::string config = dir.file("firebreak.yaml");
    // Only the update reminder is on, so every post is accounted for.
    std::ofstream(config) << "server:\n  listen: \"127.0.0.1:0\"\n  admin_listen: \"127.0.0.1:0\"\n"
                          << "storage:\n  sqlite:\n    path: \"" << dir.file("firebreak.db")
                          << "\"\n"
                          << "slack:\n  enabled: true\n"
                          << "  signing_secret: \"${SLACK_SIGNING_SECRET}\"\n"
                          << "  bot_token: \"${SLACK_BOT_TOKEN}\"\n"
                          << "  api_base_url: \"" << fake.base_url() << "\"\n"
                          << "reminders:\n  unassigned_role_after: \"off\"\n"
                          << "  overdue_escalate_after: \"off\"\n";
    std::vector<std::pair<std::string, std::string>> env{{"SLACK_SIGNING_SECRET", kSecret},
                                                         {"SLACK_BOT_TOKEN", "xoxb-test-token"}};
    {
        firebreak::testing::ServeProcess serve(config, env);
        REQUIRE(fake.wait_for_calls("chat.postMessage", 1, std::chrono::seconds(30)));
        // Killed once the nudge is recorded as delivered. (Killed between Slack accepting
        // a post and that record, a restart posts it again: chat.postMessage has no
        // idempotency key, so delivery is at least once.)
        REQUIRE(wait_for_delivered_posts(dir.file("firebreak.db"), 1));
        CHECK(serve.stop(SIGKILL) == 128 + SIGKILL);
    }
    CHECK(nudges(fake) == 1);

    firebreak::testing::ServeProcess serve(config, env);
    // A command is served only after the start-up reminder pass: when its answer is back,
    // that pass is over.
    auto reply = signed_command(serve.port(), "CINC", "nochange");
    REQUIRE(reply.result_int() == 200);
    auto answer = nlohmann::json::parse(reply.body());
    CHECK(answer["response_type"] == "in_channel");
    CHECK(answer["text"].get<std::string>().find("No change, still investigating") !=
          std::string::npos);
    CHECK(serve.stop(SIGTERM) == 0);
    CHECK(nudges(fake) == 1);
    CHECK(fake.calls("chat.postMessage").size() == 1);
}
