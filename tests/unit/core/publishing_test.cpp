// The publishing rules, without the app: pure functions of (state, command, now).
#include "firebreak/core/publishing.hpp"

#include <catch2/catch.hpp>

using namespace firebreak::core;
using namespace std::chrono_literals;

namespace {

Policy page_policy() {
    Policy p = Policy::playbook_default();
    p.status_page = true;
    p.components = {{"api", "Public API", "", ""}};
    return p;
}

Incident live(const std::string& severity = "sev1") {
    Incident inc;
    inc.id = 7;
    inc.name = "inc-x";
    inc.title = "Errors";
    inc.severity = severity;
    return inc;
}

const Timestamp kNow{std::chrono::seconds{1'800'000'000}};

}  // namespace

TEST_CASE("a typed publish makes a draft and changes nothing public") {
    Policy policy = page_policy();
    PublicState state{live(), std::nullopt, std::nullopt, "pub1"};
    auto out = apply_public(state, cmd::Publish{std::nullopt, "Looking.", false},
                            Context{"U1", kNow, &policy});
    REQUIRE(std::holds_alternative<PublicChange>(out));
    const auto& change = std::get<PublicChange>(out);
    CHECK_FALSE(change.face_changed);
    CHECK_FALSE(change.update);
    CHECK(change.events.empty());
    REQUIRE(change.draft);
    CHECK(change.draft->status == PublicStatus::investigating);
    CHECK(change.draft->open);
}

TEST_CASE("confirming a draft publishes it and starts the external cadence") {
    Policy policy = page_policy();
    PublishDraft draft{5, 7, PublicStatus::identified, "Cause found.", "U1", kNow, true};
    PublicState state{live(), std::nullopt, draft, "pub1"};
    auto out = apply_public(state, cmd::ConfirmPublish{5}, Context{"U1", kNow, &policy});
    REQUIRE(std::holds_alternative<PublicChange>(out));
    const auto& change = std::get<PublicChange>(out);
    CHECK(change.face.public_id == "pub1");
    CHECK(change.face.status == PublicStatus::identified);
    CHECK(change.face.next_update_due == kNow + 30min);  // sev1 externally
    REQUIRE(change.update);
    CHECK(change.update->body == "Cause found.");
    REQUIRE(change.draft);
    CHECK_FALSE(change.draft->open);
    REQUIRE(change.events.size() == 1);
    CHECK(change.events[0].kind == EventKind::published);
}

TEST_CASE("resolved stops the cadence; a publicly resolved, finished incident takes no more") {
    Policy policy = page_policy();
    PublicFace face;
    face.incident_id = 7;
    face.public_id = "pub1";
    face.status = PublicStatus::monitoring;
    face.next_update_due = kNow;
    PublicState state{live(), face, std::nullopt, ""};
    auto out = apply_public(state, cmd::Publish{PublicStatus::resolved, "Fixed.", true},
                            Context{"U1", kNow, &policy});
    const auto& change = std::get<PublicChange>(out);
    CHECK_FALSE(change.face.next_update_due);
    CHECK(change.face.resolved_at == kNow);
    CHECK(change.update->due_at == kNow);  // it was due now: cadence adherence

    PublicState done{live(), change.face, std::nullopt, ""};
    done.incident.status = Status::resolved;
    auto again =
        apply_public(done, cmd::Publish{std::nullopt, "More.", true}, Context{"U1", kNow, &policy});
    REQUIRE(std::holds_alternative<Refusal>(again));
    CHECK_THAT(std::get<Refusal>(again).reason, Catch::Contains("already resolved"));
}

TEST_CASE("the status page off, a private incident, a drill, a canceled one: refused") {
    Policy off = page_policy();
    off.status_page = false;
    Policy on = page_policy();
    const cmd::Publish publish{std::nullopt, "Text.", true};
    auto reason = [&](const Incident& inc, const Policy& p) {
        auto out = apply_public(PublicState{inc, std::nullopt, std::nullopt, "x"}, publish,
                                Context{"U1", kNow, &p});
        REQUIRE(std::holds_alternative<Refusal>(out));
        return std::get<Refusal>(out).reason;
    };
    CHECK_THAT(reason(live(), off), Catch::Contains("status page is off"));
    Incident secret = live();
    secret.is_private = true;
    CHECK_THAT(reason(secret, on), Catch::Contains("private incidents are never published"));
    Incident drill = live();
    drill.is_drill = true;
    CHECK_THAT(reason(drill, on), Catch::Contains("drills are never published"));
    Incident canceled = live();
    canceled.status = Status::canceled;
    CHECK_THAT(reason(canceled, on), Catch::Contains("canceled"));
}

TEST_CASE("may_publish decides who publishes; role entries bind once there is an IC") {
    Policy policy = page_policy();
    Incident inc = live();
    const cmd::Affects affects{{{"api", ComponentImpact::major}}};
    auto run = [&](const std::string& who) {
        return apply_public(PublicState{inc, std::nullopt, std::nullopt, "x"}, affects,
                            Context{who, kNow, &policy});
    };
    CHECK(std::holds_alternative<PublicChange>(run("U2")));  // no IC yet: anyone
    inc.holder(Role::ic) = RoleHolder{"U1", kNow};
    CHECK(std::holds_alternative<Refusal>(run("U2")));
    CHECK(std::holds_alternative<PublicChange>(run("U1")));
    policy.permissions.may_publish = {"anyone"};
    CHECK(std::holds_alternative<PublicChange>(run("U2")));
}

TEST_CASE("the affects list round-trips through its stored form") {
    std::vector<Affected> a{{"api", ComponentImpact::degraded}, {"web", ComponentImpact::major}};
    CHECK(format_affects(a) == "api=degraded,web=major");
    CHECK(parse_affects(format_affects(a)) == a);
    CHECK(parse_affects("api=bogus,=major,web=partial") ==
          std::vector<Affected>{{"web", ComponentImpact::partial}});
}

TEST_CASE("public times carry their offset") {
    CHECK(format_utc_offset(std::chrono::minutes(-330)) == "-05:30");
    CHECK(format_utc_offset(std::chrono::hours(1)) == "+01:00");
    TimeZone plus1("X/One", {std::chrono::hours(1), "ONE"}, {}, std::nullopt);
    CHECK(format_iso8601_in(kNow, plus1) == "2027-01-15T09:00:00+01:00");
    CHECK(format_public_time(kNow, plus1) == "2027-01-15 09:00 ONE (UTC+01:00)");
}
