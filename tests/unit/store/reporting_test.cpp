#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "store_test_support.hpp"

using namespace firebreak;
using namespace firebreak::store;
using namespace firebreak::store::testing;

namespace {

struct Fixture {
    Store store{{":memory:", "normal"}};
    Fixture() { store.migrate(); }

    /// Stores an incident declared at `declared`; returns its id.
    std::int64_t add_incident(Transaction& tx, const std::string& name, core::Timestamp declared,
                              core::Status status = core::Status::investigating) {
        core::Incident inc = full_incident(name);
        inc.conversation = name;
        inc.status = status;
        inc.milestones.declared_at = declared;
        tx.insert(inc);
        return inc.id;
    }

    static core::ActionItem item(std::int64_t incident_id, int number) {
        core::ActionItem a;
        a.incident_id = incident_id;
        a.number = number;
        a.text = "item " + std::to_string(number);
        a.owner = "erin";
        a.due = *core::parse_date("2026-12-01");
        a.created_by = "alice";
        a.created_at = t0();
        return a;
    }

    static core::StatusUpdate update(std::int64_t incident_id, core::Timestamp posted) {
        return core::StatusUpdate{0,      incident_id,  core::UpdateKind::update, "text", "carol",
                                  posted, posted - 1min};
    }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "incidents declared since a time come back oldest first, any status") {
    auto tx = store.begin();
    add_incident(tx, "inc-old", t0() - 1h);
    auto later = add_incident(tx, "inc-later", t0() + 2h, core::Status::canceled);
    auto at = add_incident(tx, "inc-at", t0(), core::Status::closed);
    auto since = tx.incidents_declared_since(t0());
    REQUIRE(since.size() == 2);
    CHECK(since[0].id == at);
    CHECK(since[0].status == core::Status::closed);
    CHECK(since[1].id == later);
    CHECK(since[1].status == core::Status::canceled);
    check_same(since[1], *tx.incident(later));
    CHECK(tx.incidents_declared_since(t0() + 3h).empty());
}

TEST_CASE_METHOD(Fixture, "status updates of a set of incidents leave the others out") {
    auto tx = store.begin();
    auto a = add_incident(tx, "inc-a", t0());
    auto b = add_incident(tx, "inc-b", t0());
    auto c = add_incident(tx, "inc-c", t0());
    for (auto u : {update(a, t0() + 20min), update(b, t0() + 5min), update(c, t0() + 1min),
                   update(a, t0() + 10min)})
        tx.insert(u);
    auto read = tx.status_updates_of({a, b});
    REQUIRE(read.size() == 3);
    CHECK(read[0].incident_id == a);
    CHECK(read[0].posted_at == t0() + 10min);
    CHECK(read[0].due_at == t0() + 9min);
    CHECK(read[1].posted_at == t0() + 20min);
    CHECK(read[2].incident_id == b);
    CHECK(tx.status_updates_of({}).empty());
}

TEST_CASE_METHOD(Fixture, "all action items come back by incident, then number") {
    auto tx = store.begin();
    CHECK(tx.all_action_items().empty());
    auto a = add_incident(tx, "inc-a", t0());
    auto b = add_incident(tx, "inc-b", t0());
    for (auto i : {item(b, 1), item(a, 2), item(a, 1)}) tx.insert(i);
    auto all = tx.all_action_items();
    REQUIRE(all.size() == 3);
    CHECK(all[0].incident_id == a);
    CHECK(all[0].number == 1);
    CHECK(all[1].number == 2);
    CHECK(all[2].incident_id == b);
    CHECK(all[2].owner == "erin");
    CHECK(core::format_date(all[2].due) == "2026-12-01");
}
