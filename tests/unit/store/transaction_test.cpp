#include "firebreak/store/transaction.hpp"

#include "firebreak/store/store.hpp"
#include "store_test_support.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using namespace firebreak::store;
using namespace firebreak::store::testing;

TEST_CASE("a transaction that is not committed leaves nothing behind") {
    Store store({":memory:", "normal"});
    store.migrate();
    {
        auto tx = store.begin();
        core::Incident inc = full_incident();
        tx.insert(inc);
        std::vector<core::TimelineEvent> events{
            {0, inc.id, t0(), "a", core::EventKind::declared, "x", "", ""}};
        tx.append(events);
        tx.set_reminder(inc.id, "update_due", t0() + 15min);
    }  // destroyed without commit
    auto tx = store.begin();
    CHECK(tx.incidents(false, 10).empty());
    CHECK_FALSE(tx.next_reminder_due());
}

TEST_CASE("a reopened database keeps everything that was committed") {
    firebreak::testing::TempDir dir;
    std::int64_t id = 0;
    {
        Store store({dir.file("fb.db"), "normal"});
        store.migrate();
        auto tx = store.begin();
        core::Incident inc = full_incident();
        tx.insert(inc);
        id = inc.id;
        std::vector<core::TimelineEvent> events{
            {0, id, t0(), "alice", core::EventKind::declared, "declared", "", "sev1"}};
        tx.append(events);
        tx.set_reminder(id, "update_due", t0() + 15min);
        OutboxItem item;
        item.incident_id = id;
        item.kind = "post";
        item.payload = "{\"text\":\"hi\"}";
        item.created_at = t0();
        item.next_attempt_at = t0();
        tx.enqueue(item);
        tx.commit();
    }
    Store reopened({dir.file("fb.db"), "normal"});
    CHECK(reopened.migrate().applied.empty());
    auto tx = reopened.begin();
    auto inc = tx.incident(id);
    REQUIRE(inc);
    check_same(*inc, [&] {
        auto e = full_incident();
        e.id = id;
        return e;
    }());
    CHECK(tx.timeline(id).size() == 1);
    CHECK(tx.next_reminder_due() == t0() + 15min);
    REQUIRE(tx.deliverable(t0(), 10).size() == 1);
    CHECK(tx.deliverable(t0(), 10)[0].payload == "{\"text\":\"hi\"}");
}

TEST_CASE("a failure inside a transaction rolls back its earlier writes") {
    Store store({":memory:", "normal"});
    store.migrate();
    {
        auto tx = store.begin();
        core::Incident inc = full_incident();
        tx.insert(inc);
        OutboxItem bad{};
        bad.incident_id = inc.id + 1000;  // violates the foreign key
        bad.kind = "post";
        bad.payload = R"({"text":"an orphaned message"})";
        CHECK_THROWS_AS(tx.enqueue(bad), StoreError);
    }
    auto tx = store.begin();
    CHECK(tx.incidents(false, 10).empty());
}
