// Migration 0008: outbox_pending is gone, and dedupe_keys and outbox_lanes keep their rows
// in their primary keys' B-trees (WITHOUT ROWID). Nothing stored before is lost, and the
// queries that read them still go through indexes.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

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

OutboxItem post(const std::string& conversation) {
    OutboxItem item;
    item.platform = "slack";
    item.conversation = conversation;
    item.kind = "post";
    item.payload = R"({"text":"hi"})";
    item.created_at = t0();
    item.next_attempt_at = t0();
    return item;
}

}  // namespace

TEST_CASE("migration 0008 keeps every dedupe key and lane, in tables without a rowid") {
    firebreak::testing::TempDir dir;
    const std::string path = dir.file("fb.db");
    {
        Connection c(path);
        const auto& all = embedded_migrations();
        REQUIRE(all.size() >= 8);
        REQUIRE(all[7].version == 8);
        run_migrations(c, path, std::vector<Migration>(all.begin(), all.begin() + 7));
    }
    std::vector<std::int64_t> heads;
    {
        Store store({path, "normal"});
        REQUIRE(store.schema_version() == 7);
        auto tx = store.begin();
        CHECK(tx.remember("slack", "slack:Ev1", t0(), t0() + 24h));
        CHECK(tx.remember("slack", "slack:Ev2", t0(), t0() + 1h));
        CHECK(tx.remember("console", "console:1", t0(), t0() + 24h));
        for (const char* conversation : {"C1", "C2", "C1"}) {
            OutboxItem item = post(conversation);
            tx.enqueue(item);
            if (heads.size() < 2) heads.push_back(item.id);
        }
        tx.commit();
    }

    Store store({path, "normal"});
    const MigrationReport report = store.migrate();
    CHECK(report.from_version == 7);
    CHECK(report.applied == std::vector<std::string>{"0008_fewer_btrees"});
    {
        auto tx = store.begin();
        CHECK(tx.remembered("slack", "slack:Ev1", t0() + 2h));
        CHECK(tx.remembered("console", "console:1", t0() + 2h));
        CHECK_FALSE(tx.remember("slack", "slack:Ev1", t0() + 2h, t0() + 26h));  // still known
        std::vector<std::int64_t> read;
        for (const auto& item : tx.pending_heads("slack", 10)) read.push_back(item.id);
        CHECK(read == heads);
        CHECK(tx.outbox_depth() == 3);
        // The prune finds expired keys by their primary key now that there is no rowid.
        CHECK(tx.forget_expired(t0() + 2h, 10) == 1);
        CHECK_FALSE(tx.remembered("slack", "slack:Ev2", t0()));
        CHECK(tx.remembered("slack", "slack:Ev1", t0()));
        // A lane still advances and ends.
        tx.mark_delivered(heads[0], t0());
        read.clear();
        for (const auto& item : tx.pending_heads("slack", 10)) read.push_back(item.id);
        CHECK(read.size() == 2);
        CHECK(read[0] == heads[1]);
        tx.commit();
    }

    Connection c(path);
    CHECK_THROWS_AS(c.prepare("SELECT rowid FROM dedupe_keys"), StoreError);
    CHECK_THROWS_AS(c.prepare("SELECT rowid FROM outbox_lanes"), StoreError);
    CHECK(count(c, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'outbox_pending'") == 0);
    CHECK(count(c, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'outbox_lanes_by_head'") == 1);
    CHECK(count(c, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'dedupe_keys_by_expiry'") == 1);
    const std::string prune = query_plan(
        c,
        "DELETE FROM dedupe_keys WHERE (platform, key) IN (SELECT platform, key FROM dedupe_keys "
        "WHERE expires_at <= 0 ORDER BY expires_at LIMIT 10)");
    INFO(prune);
    CHECK_THAT(prune, Catch::Contains("dedupe_keys_by_expiry"));
    CHECK_THAT(prune, Catch::Contains("PRIMARY KEY"));
    const std::string depth = query_plan(
        c, "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL");
    INFO(depth);
    CHECK_THAT(depth, Catch::Contains("outbox_pending_by_lane"));
}
