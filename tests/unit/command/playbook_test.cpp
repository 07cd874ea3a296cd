#include <catch2/catch.hpp>

#include "parse_helpers.hpp"

using namespace firebreak;
using namespace firebreak::command;
using namespace firebreak::command::testing;

TEST_CASE("bridge takes one web address, unwrapped from chat link markup") {
    CHECK(parsed_as<core::cmd::SetBridge>("bridge https://meet.jit.si/a").url ==
          "https://meet.jit.si/a");
    CHECK(parsed_as<core::cmd::SetBridge>("bridge <https://meet.jit.si/a|meet.jit.si/a>").url ==
          "https://meet.jit.si/a");
    CHECK(refused("bridge").command == "bridge");
    CHECK(refused("bridge https://a https://b").command == "bridge");
}

TEST_CASE("workstream starts with an owner or moves to done or blocked") {
    auto start = parsed_as<core::cmd::StartWorkstream>("workstream Mitigation @bob fail over");
    CHECK(start.name == "mitigation");
    CHECK(start.owner == "bob");
    CHECK(start.what == "fail over");
    CHECK(parsed_as<core::cmd::StartWorkstream>("workstream comms me").owner == "U_ME");
    auto done = parsed_as<core::cmd::UpdateWorkstream>("workstream diagnosis done found it");
    CHECK(done.state == core::WorkstreamState::done);
    CHECK(done.text == "found it");
    CHECK(parsed_as<core::cmd::UpdateWorkstream>("workstream vendor BLOCKED").state ==
          core::WorkstreamState::blocked);
    CHECK(refused("workstream").command == "workstream");
    CHECK(mentions(refused("workstream mitigation").message, "owner"));
    CHECK(mentions(refused("workstream mitigation finished").message,
                   "neither an owner nor done or blocked"));
}

TEST_CASE("resolve --force skips the criteria, before or after the reason") {
    auto plain = parsed_as<core::cmd::Resolve>("resolve pool restored");
    CHECK_FALSE(plain.force);
    CHECK(plain.text == "pool restored");
    CHECK_FALSE(plain.confirmed);
    auto first = parsed_as<core::cmd::Resolve>("resolve --force customers waiting");
    CHECK(first.force);
    CHECK(first.text == "customers waiting");
    auto last = parsed_as<core::cmd::Resolve>("resolve customers waiting --force");
    CHECK(last.force);
    CHECK(last.text == "customers waiting");
    CHECK(parsed_as<core::cmd::Resolve>("resolve --force").text.empty());
}

TEST_CASE("decision says whether it can be undone") {
    auto d = parsed_as<core::cmd::ProposeDecision>("decision Drop the index --irreversible");
    CHECK(d.text == "Drop the index");
    CHECK(d.reversibility == core::Reversibility::irreversible);
    CHECK(parsed_as<core::cmd::ProposeDecision>("decision --reversible Roll back").reversibility ==
          core::Reversibility::reversible);
    CHECK(parsed_as<core::cmd::ProposeDecision>("decision Roll back").reversibility ==
          core::Reversibility::unstated);
    CHECK(refused("decision --irreversible").command == "decision");
}

TEST_CASE("escalate needs an area and why; check and join name one thing") {
    auto e = parsed_as<core::cmd::Escalate>("escalate database replica lag at 40s");
    CHECK(e.area == "database");
    CHECK(e.why == "replica lag at 40s");
    CHECK(mentions(refused("escalate database").message, "why"));
    CHECK(parsed_as<core::cmd::TickChecklist>("check Review").item == "review");
    CHECK(refused("check").command == "check");
    CHECK(parsed_as<core::cmd::JoinIncident>("join inc-20261122-x").incident == "inc-20261122-x");
    parsed_as<core::cmd::ShowChecklist>("checklist");
}
