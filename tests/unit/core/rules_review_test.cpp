#include "core_test_support.hpp"
#include "firebreak/core/review.hpp"

using namespace firebreak::core;
using namespace firebreak::core::testing;

TEST_CASE("each review command records one labelled timeline entry") {
    struct Case {
        Command command;
        EventKind kind;
        std::string text;
    };
    const std::vector<Case> cases{
        {cmd::RecordImpact{"20% of checkouts failed"}, EventKind::impact_recorded,
         "Impact: 20% of checkouts failed"},
        {cmd::RecordRootCause{"pool halved"}, EventKind::root_cause_recorded,
         "Root cause: pool halved"},
        {cmd::RecordFactor{"no alert"}, EventKind::contributing_factor_recorded,
         "Contributing factor: no alert"},
        {cmd::RecordWentWell{"fast rollback"}, EventKind::went_well_recorded,
         "Went well: fast rollback"},
        {cmd::RecordWentBadly{"slow paging"}, EventKind::went_badly_recorded,
         "Did not go well: slow paging"},
    };
    for (const auto& c : cases) {
        auto s = declared();
        Change change = step(s, c.command, as("bob", t0() + 5min));
        REQUIRE(change.events.size() == 1);
        const TimelineEvent& e = change.events[0];
        CHECK(e.kind == c.kind);
        CHECK(e.text == c.text);
        CHECK(e.actor == "bob");
        CHECK(e.at == t0() + 5min);
        CHECK(e.incident_id == 7);
        CHECK(is_review_material(e.kind));
        CHECK(change.incident.status == Status::investigating);
    }
}

TEST_CASE("review material can be recorded after resolve and after close") {
    auto s = declared();
    step(s, cmd::Resolve{}, as("alice", t0() + 1h));
    Change c = step(s, cmd::RecordRootCause{"expired certificate"}, as("bob", t0() + 48h));
    CHECK(c.events[0].text == "Root cause: expired certificate");
    CHECK(c.incident.status == Status::resolved);
    s.incident.status = Status::closed;
    step(s, cmd::RecordWentWell{"the runbook worked"}, as("bob", t0() + 72h));
}

TEST_CASE("a canceled incident takes no review material") {
    auto s = declared();
    step(s, cmd::Cancel{"false alarm"}, as("alice"));
    CHECK(expect_refusal(apply(s, cmd::RecordImpact{"none"}, as("alice"))) ==
          "The incident was canceled; it has no review.");
    CHECK(expect_refusal(apply(s, cmd::RecordWentBadly{"x"}, as("alice"))) ==
          "The incident was canceled; it has no review.");
}

TEST_CASE("review text gives back what the person wrote") {
    TimelineEvent e;
    e.kind = EventKind::contributing_factor_recorded;
    e.text = "Contributing factor: Impact: nested label stays";
    CHECK(review_text(e) == "Impact: nested label stays");
    e.kind = EventKind::note;
    e.text = "Impact: not review material";
    CHECK(review_text(e) == "Impact: not review material");
    CHECK_FALSE(is_review_material(EventKind::note));
    CHECK(review_label(EventKind::note).empty());
}

TEST_CASE("the review kinds round-trip through their stored names") {
    for (EventKind k : kReviewKinds) {
        INFO(to_string(k));
        CHECK(parse_event_kind(to_string(k)) == k);
    }
    CHECK(to_string(EventKind::root_cause_recorded) == "root_cause_recorded");
}

TEST_CASE("the review starts once, and only for a resolved incident") {
    auto s = declared();
    std::vector<TimelineEvent> timeline;
    CHECK_FALSE(start_review(s, timeline, as("a")));
    step(s, cmd::Resolve{}, as("a"));
    auto c = start_review(s, timeline, as("bob", t0() + 24h));
    REQUIRE(c);
    REQUIRE(c->events.size() == 1);
    CHECK(c->events[0].kind == EventKind::review_started);
    CHECK(c->events[0].actor == "bob");
    CHECK(c->incident.status == Status::resolved);
    timeline = c->events;
    CHECK_FALSE(start_review(s, timeline, as("bob")));
    CHECK(to_string(EventKind::review_started) == "review_started");
    CHECK(parse_event_kind("review_started") == EventKind::review_started);
}
