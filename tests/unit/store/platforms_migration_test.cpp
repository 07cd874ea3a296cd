#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "migration_list.hpp"
#include "store_test_support.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using namespace firebreak::store;
using namespace firebreak::store::testing;

namespace {

/// tests/fixtures/v0002.db: two console incidents and a Slack one (see its README).
constexpr std::int64_t kSlackIncident = 3;
const core::Timestamp kFixtureNow{core::Duration{1796117500}};

}  // namespace

TEST_CASE("a database of the release before platforms is migrated and reads back whole") {
    firebreak::testing::TempDir dir;
    const std::string path = dir.file("fb.db");
    std::filesystem::copy_file(FIREBREAK_FIXTURE_DIR "/v0002.db", path);
    {
        Store store({path, "normal"});
        REQUIRE(store.schema_version() == 2);
        MigrationReport report = store.migrate();
        CHECK(report.from_version == 2);
        CHECK(report.to_version == Store::latest_version());
        CHECK(report.applied.front() == "0003_platforms");
    }

    {
        Connection c(path);
        CHECK(count(c, "SELECT COUNT(*) FROM incidents WHERE platform = ''") == 0);
        CHECK(count(c, "SELECT COUNT(*) FROM outbox WHERE platform = '' OR lane = ''") == 0);
        CHECK(count(c, "SELECT COUNT(*) FROM dedupe_keys WHERE platform = ''") == 0);
        CHECK(count(c, "SELECT COUNT(*) FROM outbox WHERE platform = 'console'") == 10);
    }

    Store store({path, "normal"});
    auto tx = store.read();
    auto slack = tx.incident_by_conversation("slack", "C0123ABCD");
    REQUIRE(slack);
    CHECK(slack->id == kSlackIncident);
    CHECK(slack->platform == "slack");
    CHECK_FALSE(tx.incident_by_conversation("console", "C0123ABCD"));
    for (const char* name : {"inc-20261201-db-down", "inc-20261201-checkout-slow"}) {
        INFO(name);
        auto console = tx.incident_by_conversation("console", name);
        REQUIRE(console);
        CHECK(console->platform == "console");
        CHECK(console->name == name);
        CHECK_FALSE(tx.timeline(console->id).empty());
    }
    CHECK(tx.incidents(false, 10).size() == 3);
    CHECK(tx.timeline(kSlackIncident).size() == 1);
    CHECK(tx.reminder(kSlackIncident, "update_due"));

    auto heads = tx.pending_heads("slack", 10);
    REQUIRE(heads.size() == 1);
    CHECK(heads[0].incident_id == kSlackIncident);
    CHECK(heads[0].platform == "slack");
    CHECK(heads[0].lane == "incident:3");
    CHECK(heads[0].payload == R"({"text":"Still investigating checkout errors."})");
    CHECK(tx.pending_heads("console", 10).empty());
    CHECK(tx.outbox_depth() == 1);

    CHECK(tx.remembered("slack", "slack:event:Ev1", kFixtureNow));
    CHECK_FALSE(tx.remembered("console", "slack:event:Ev1", kFixtureNow));
}

TEST_CASE("the platform backfill follows the data of each row") {
    // A database at version 2 with the rows the rule must tell apart.
    firebreak::testing::TempDir dir;
    const std::string path = dir.file("fb.db");
    {
        Connection c(path);
        std::vector<Migration> first_two(embedded_migrations().begin(),
                                         embedded_migrations().begin() + 2);
        run_migrations(c, path, first_two);
        c.exec(
            "INSERT INTO incidents(id, name, title, severity, status, declared_by, conversation, "
            "declared_at) VALUES "
            "(1, 'inc-a', 'a', 'sev1', 'investigating', 'U1', 'C0AB12', 0),"
            "(2, 'inc-b', 'b', 'sev1', 'investigating', 'alice', 'Cafe', 0),"
            "(3, 'inc-c', 'c', 'sev1', 'investigating', 'alice', '', 0),"
            "(4, 'inc-d', 'd', 'sev1', 'investigating', 'U1', 'G0XYZ', 0),"
            "(5, 'inc-e', 'e', 'sev1', 'investigating', 'U1', '', 0);"
            "INSERT INTO outbox(id, incident_id, conversation, kind, payload, created_at, "
            "next_attempt_at) VALUES "
            "(1, 3, '', 'create_conversation', '{}', 0, 0),"
            "(2, NULL, 'trigger:1.2', 'slack.open_view', '{}', 0, 0),"
            "(3, NULL, 'incidents', 'post', '{}', 0, 0),"
            "(4, NULL, 'C0ANNOUNCE', 'post', '{}', 0, 0),"
            "(5, 1, 'capture:C0AB12', 'slack.capture_message', "
            "'{\"channel\":\"C0AB12\",\"ts\":\"1.2\",\"captured_by\":\"U1\"}', 0, 0),"
            "(6, 1, '', 'post', '{}', 0, 0),"
            "(7, 5, 'C0ANNOUNCE', 'post', '{}', 0, 0);"
            "INSERT INTO dedupe_keys(key, seen_at, expires_at) VALUES "
            "('captured:C0AB12:1.2', 0, 1), ('console:thing', 0, 1);");
    }
    Store store({path, "normal"});
    store.migrate();
    Connection c(path);
    auto platform_of = [&](const std::string& sql) {
        Statement& s = c.prepare(sql);
        REQUIRE(s.step());
        std::string p = s.text(0);
        s.reset();
        return p;
    };
    CHECK(platform_of("SELECT platform FROM incidents WHERE id = 1") == "slack");
    CHECK(platform_of("SELECT platform FROM incidents WHERE id = 2") == "console");  // lower case
    // No conversation yet, and no Slack dedupe key in this database: the console's.
    CHECK(platform_of("SELECT platform FROM incidents WHERE id = 3") == "console");
    CHECK(platform_of("SELECT platform FROM incidents WHERE id = 4") == "slack");
    // No conversation yet, but announced in a Slack channel.
    CHECK(platform_of("SELECT platform FROM incidents WHERE id = 5") == "slack");
    CHECK(platform_of("SELECT platform FROM outbox WHERE id = 1") == "console");
    CHECK(platform_of("SELECT platform FROM outbox WHERE id = 2") == "slack");
    CHECK(platform_of("SELECT platform FROM outbox WHERE id = 3") == "console");
    CHECK(platform_of("SELECT platform FROM outbox WHERE id = 4") == "slack");
    CHECK(platform_of("SELECT lane FROM outbox WHERE id = 1") == "incident:3");
    CHECK(platform_of("SELECT lane FROM outbox WHERE id = 5") == "capture:C0AB12");
    CHECK(platform_of("SELECT platform FROM dedupe_keys WHERE key LIKE 'captured:%'") == "slack");
    CHECK(platform_of("SELECT platform FROM dedupe_keys WHERE key = 'console:thing'") == "console");
    // Each lane with pending items has its first one as head (the form to open, item 2,
    // is failed: its trigger expired long ago).
    CHECK(count(c, "SELECT COUNT(*) FROM outbox_lanes") == 5);
    CHECK(count(c, "SELECT head_id FROM outbox_lanes WHERE lane = 'incident:1'") == 6);
    CHECK(count(c, "SELECT head_id FROM outbox_lanes WHERE lane = 'conversation:C0ANNOUNCE'") == 4);
}

TEST_CASE("the Slack adapter's own outbox kinds become the front door's on upgrade") {
    firebreak::testing::TempDir dir;
    const std::string path = dir.file("fb.db");
    std::filesystem::copy_file(FIREBREAK_FIXTURE_DIR "/v0002.db", path);
    {
        // What the previous Slack adapter queued for a 📌 and for a form.
        Connection c(path);
        c.prepare(
             "INSERT INTO outbox(incident_id, conversation, kind, payload, created_at, "
             "next_attempt_at) VALUES (3, 'capture:C0123ABCD', 'slack.capture_message', "
             "'{\"channel\":\"C0123ABCD\",\"ts\":\"1796117000.000100\",\"captured_by\":\"U2\"}', "
             "1796117400, 1796117400)")
            .run();
        c.prepare(
             "INSERT INTO outbox(conversation, kind, payload, created_at, next_attempt_at) "
             "VALUES ('trigger:T9', 'slack.open_view', '{\"trigger_id\":\"T9\",\"view\":{}}', "
             "1796117400, 1796117400)")
            .run();
    }
    Store store({path, "normal"});
    store.migrate();
    auto tx = store.read();
    auto heads = tx.pending_heads("slack", 100);
    const OutboxItem* capture = nullptr;
    for (const auto& item : heads)
        if (item.kind == "capture_message") capture = &item;
    REQUIRE(capture);
    CHECK(capture->conversation == "C0123ABCD");
    CHECK(capture->lane == "capture:C0123ABCD");
    CHECK(capture->payload.find("\"message_id\":\"1796117000.000100\"") != std::string::npos);
    CHECK(capture->payload.find("\"captured_by\":\"U2\"") != std::string::npos);
    // A form's trigger lived 3 s: it can never open after an upgrade.
    for (const auto& item : heads) CHECK(item.kind != "open_form");
    Connection c(path);
    CHECK(count(c,
                "SELECT COUNT(*) FROM outbox WHERE kind = 'open_form' AND failed_at IS NOT "
                "NULL") == 1);
}
