#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "outbox_queries.hpp"
#include "store_test_support.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using namespace firebreak::store;
using namespace firebreak::store::testing;

namespace {

OutboxItem message(const std::string& conversation, const std::string& platform = "slack") {
    OutboxItem item;
    item.platform = platform;
    item.conversation = conversation;
    item.kind = "post";
    item.payload = "{}";
    item.created_at = t0();
    item.next_attempt_at = t0();
    return item;
}

std::int64_t enqueue(Transaction& tx, OutboxItem item) {
    tx.enqueue(item);
    return item.id;
}

std::vector<std::int64_t> head_ids(Transaction& tx, std::string_view platform = "slack") {
    std::vector<std::int64_t> ids;
    for (const auto& item : tx.pending_heads(platform, 100)) ids.push_back(item.id);
    return ids;
}

/// Whether a plan reads the outbox table row by row ("SCAN outbox", with or without an
/// index); a scan of outbox_lanes costs one row per lane and is fine.
bool scans_outbox(const std::string& plan) {
    std::istringstream lines(plan);
    for (std::string line; std::getline(lines, line);)
        if (line == "SCAN outbox" || line.starts_with("SCAN outbox ")) return true;
    return false;
}

struct Fixture {
    Store store{{":memory:", "normal"}};
    Fixture() { store.migrate(); }
};

}  // namespace

TEST_CASE("the heads of 10 lanes come from one row per lane, not from a scan of the backlog") {
    firebreak::testing::TempDir dir;
    const std::string path = dir.file("fb.db");
    Store store({path, "normal"});
    store.migrate();
    std::vector<std::int64_t> firsts;
    {
        auto tx = store.begin();
        for (int i = 0; i < 100'000; ++i) {
            std::int64_t id = enqueue(tx, message("C" + std::to_string(i % 10)));
            if (i < 10) firsts.push_back(id);
        }
        tx.commit();
    }
    auto tx = store.read();
    CHECK(tx.outbox_depth() == 100'000);
    CHECK(head_ids(tx) == firsts);

    Connection c(path);
    for (bool analyzed : {false, true}) {
        // The planner must not change its mind once it knows the tables' sizes.
        if (analyzed) c.exec("ANALYZE");
        INFO("analyzed: " << analyzed);
        std::string heads = query_plan(c, outbox_queries::kPendingHeads);
        INFO(heads);
        CHECK_THAT(heads, Catch::Contains("SEARCH outbox USING INTEGER PRIMARY KEY"));
        CHECK_THAT(heads, Catch::Contains("outbox_lanes_by_head (platform=? AND head_id>?)"));
        CHECK_THAT(heads, !Catch::Contains("TEMP B-TREE"));  // a page is a range, not a sort
        CHECK_FALSE(scans_outbox(heads));
        std::string urgent = query_plan(c, outbox_queries::kUrgentHeads);
        INFO(urgent);
        CHECK_THAT(urgent, Catch::Contains("outbox_pending_urgent"));
        CHECK_THAT(urgent, Catch::Contains("outbox_lanes_by_head"));
        CHECK_FALSE(scans_outbox(urgent));
        std::string next = query_plan(c, outbox_queries::kLaneHead);
        INFO(next);
        CHECK_THAT(next, Catch::Contains("outbox_pending_by_lane"));
        CHECK_FALSE(scans_outbox(next));
    }
    CHECK(scans_outbox("SCAN outbox\n"));  // the check itself can fail
    CHECK(scans_outbox("SCAN outbox USING INDEX outbox_pending\n"));
}

TEST_CASE_METHOD(Fixture, "a lane's head advances on delivery and on failure") {
    auto tx = store.begin();
    auto a = enqueue(tx, message("C1"));
    auto b = enqueue(tx, message("C1"));
    auto c = enqueue(tx, message("C1"));
    CHECK(head_ids(tx) == std::vector<std::int64_t>{a});
    tx.mark_retry(a, t0() + 1min, "HTTP 503");  // a retry keeps its place
    CHECK(head_ids(tx) == std::vector<std::int64_t>{a});
    tx.mark_delivered(a, t0());
    CHECK(head_ids(tx) == std::vector<std::int64_t>{b});
    tx.mark_failed(b, t0(), "channel_not_found");
    CHECK(head_ids(tx) == std::vector<std::int64_t>{c});
}

TEST_CASE_METHOD(Fixture, "a lane with nothing pending disappears and comes back on enqueue") {
    auto tx = store.begin();
    auto a = enqueue(tx, message("C1"));
    tx.mark_delivered(a, t0());
    CHECK(tx.pending_heads("slack", 100).empty());
    auto b = enqueue(tx, message("C1"));
    CHECK(head_ids(tx) == std::vector<std::int64_t>{b});
}

TEST_CASE_METHOD(Fixture, "items of two lanes interleave, each lane in its own order") {
    auto tx = store.begin();
    auto a1 = enqueue(tx, message("C1"));
    auto b1 = enqueue(tx, message("C2"));
    auto a2 = enqueue(tx, message("C1"));
    auto b2 = enqueue(tx, message("C2"));
    CHECK(head_ids(tx) == std::vector<std::int64_t>{a1, b1});
    tx.mark_delivered(b1, t0());
    CHECK(head_ids(tx) == std::vector<std::int64_t>{a1, b2});
    tx.mark_delivered(a1, t0());
    CHECK(head_ids(tx) == std::vector<std::int64_t>{a2, b2});
    tx.mark_delivered(b2, t0());
    tx.mark_delivered(a2, t0());
    CHECK(tx.pending_heads("slack", 100).empty());
    CHECK(tx.outbox_depth() == 0);
}

TEST_CASE_METHOD(Fixture, "a lane finished out of order never keeps a finished head") {
    auto tx = store.begin();
    auto a = enqueue(tx, message("C1"));
    auto b = enqueue(tx, message("C1"));
    auto c = enqueue(tx, message("C1"));
    tx.mark_delivered(b, t0());  // not the head: the head stays
    CHECK(head_ids(tx) == std::vector<std::int64_t>{a});
    tx.mark_delivered(a, t0());  // skips b, already done
    CHECK(head_ids(tx) == std::vector<std::int64_t>{c});
    tx.mark_delivered(a, t0());  // marked twice: nothing moves
    CHECK(head_ids(tx) == std::vector<std::int64_t>{c});
}

TEST_CASE_METHOD(Fixture, "the heads are one platform's lanes only") {
    auto tx = store.begin();
    auto slack = enqueue(tx, message("general", "slack"));
    auto console = enqueue(tx, message("general", "console"));
    CHECK(head_ids(tx, "slack") == std::vector<std::int64_t>{slack});
    CHECK(head_ids(tx, "console") == std::vector<std::int64_t>{console});
    CHECK(tx.outbox_depth("slack") == 1);
    CHECK(tx.outbox_depth() == 2);
    tx.mark_delivered(slack, t0());
    CHECK(head_ids(tx, "console") == std::vector<std::int64_t>{console});
}

TEST_CASE_METHOD(Fixture,
                 "platform, lane and urgency round-trip, with the default lane filled in") {
    auto tx = store.begin();
    core::Incident inc = full_incident();
    tx.insert(inc);

    OutboxItem own;  // no conversation, no platform: the incident's
    own.incident_id = inc.id;
    own.kind = "post_summary";
    own.payload = "{}";
    tx.enqueue(own);
    CHECK(own.platform == "slack");
    CHECK(own.lane == "incident:" + std::to_string(inc.id));

    OutboxItem form = message("trigger:T1");
    form.kind = "slack.open_view";
    form.urgent = true;
    form.lane = "urgent";
    tx.enqueue(form);

    auto read_own = tx.outbox_item(own.id);
    REQUIRE(read_own);
    CHECK(read_own->platform == "slack");
    CHECK(read_own->lane == "incident:" + std::to_string(inc.id));
    CHECK_FALSE(read_own->urgent);
    auto read_form = tx.outbox_item(form.id);
    REQUIRE(read_form);
    CHECK(read_form->lane == "urgent");
    CHECK(read_form->urgent);
    CHECK(message("C1").lane == "");
    CHECK(tx.outbox_item(enqueue(tx, message("C1")))->lane == "conversation:C1");
}

TEST_CASE_METHOD(Fixture, "an outbox item with no platform and no incident is refused") {
    auto tx = store.begin();
    OutboxItem orphan = message("C1", "");
    CHECK_THROWS_AS(tx.enqueue(orphan), StoreError);
}

TEST_CASE_METHOD(Fixture, "a newer edit replaces an older one still waiting, never one in flight") {
    auto tx = store.begin();
    auto edit = [](const std::string& payload) {
        OutboxItem item = message("C1");
        item.kind = "update_summary";
        item.payload = payload;
        return item;
    };
    // The head may be in flight: an edit behind it is queued, not written into it.
    OutboxItem first = edit("{\"v\":1}");
    tx.enqueue_replacing(first);
    OutboxItem second = edit("{\"v\":2}");
    tx.enqueue_replacing(second);
    CHECK(second.id != first.id);
    // Behind the head and never tried: later edits take its place.
    OutboxItem third = edit("{\"v\":3}");
    tx.enqueue_replacing(third);
    CHECK(third.id == second.id);
    CHECK(tx.outbox_item(second.id)->payload == "{\"v\":3}");
    // Another kind is not replaced, and an edit after it replaces the waiting edit still.
    auto post = enqueue(tx, message("C1"));
    OutboxItem fourth = edit("{\"v\":4}");
    tx.enqueue_replacing(fourth);
    CHECK(fourth.id == second.id);
    CHECK(tx.outbox_item(post)->payload == "{}");
    // Once tried (a retry after a 429), it may have reached the platform: a new one queues.
    tx.mark_retry(second.id, t0() + 1min, "ratelimited");
    OutboxItem fifth = edit("{\"v\":5}");
    tx.enqueue_replacing(fifth);
    CHECK(fifth.id != second.id);
    CHECK(tx.outbox_depth() == 4);
}
