#include "core_test_support.hpp"

using namespace firebreak::core;
using namespace firebreak::core::testing;

namespace {
/// A SEV2 with alice as IC and bob as TL.
IncidentState staffed() {
    auto s = declared("sev2");
    step(s, cmd::AssignRole{Role::ic, "alice"}, as("alice"));
    step(s, cmd::AssignRole{Role::tl, "bob"}, as("bob"));
    return s;
}

Context with_admin(const std::string& actor, Policy& p) {
    p.permissions.admins = {"root"};
    return Context{actor, t0(), &p};
}
}  // namespace

TEST_CASE("only the IC or an admin may resolve, by default") {
    auto s = staffed();
    CHECK(expect_refusal(apply(s, cmd::Resolve{}, as("bob"))) ==
          "Only the Incident Commander or an admin may resolve the incident.");
    CHECK(expect_refusal(apply(s, cmd::Cancel{}, as("carol"))) ==
          "Only the Incident Commander or an admin may cancel the incident.");
    CHECK(std::holds_alternative<Change>(apply(s, cmd::Resolve{}, as("alice"))));
    Policy p = policy();
    CHECK(std::holds_alternative<Change>(apply(s, cmd::Resolve{}, with_admin("root", p))));
}

TEST_CASE("the IC or TL may change severity; others are refused") {
    auto s = staffed();
    CHECK(expect_refusal(apply(s, cmd::SetSeverity{"sev1"}, as("carol"))) ==
          "Only the Incident Commander, the Tech Lead or an admin may change the severity.");
    CHECK(std::holds_alternative<Change>(apply(s, cmd::SetSeverity{"sev1"}, as("bob"))));
}

TEST_CASE("before anyone is IC, role-based permissions are open to all") {
    auto s = declared("sev3");
    CHECK(std::holds_alternative<Change>(apply(s, cmd::SetSeverity{"sev1"}, as("carol"))));
    CHECK(std::holds_alternative<Change>(apply(s, cmd::AssignRole{Role::ic, "dave"}, as("carol"))));
}

TEST_CASE("anyone may claim a free role; taking a held one needs the IC or an admin") {
    auto s = staffed();
    CHECK(std::holds_alternative<Change>(
        apply(s, cmd::AssignRole{Role::comms, "carol"}, as("carol"))));
    CHECK(expect_refusal(apply(s, cmd::AssignRole{Role::tl, "carol"}, as("carol"))) ==
          "Only the Incident Commander or an admin may take the Tech Lead role from <@bob> (ask "
          "them to hand it over).");
    CHECK(expect_refusal(apply(s, cmd::AssignRole{Role::comms, "dave"}, as("carol"))) ==
          "Only the Incident Commander or an admin may give someone else a role.");
    CHECK(
        std::holds_alternative<Change>(apply(s, cmd::AssignRole{Role::tl, "carol"}, as("alice"))));
}

TEST_CASE("a holder may hand their own role over") {
    auto s = staffed();
    CHECK(std::holds_alternative<Change>(
        apply(s, cmd::Handover{Role::tl, "carol", "summary"}, as("bob"))));
    CHECK(expect_refusal(apply(s, cmd::Handover{Role::ic, "carol", "summary"}, as("bob")))
              .starts_with("Only the Incident Commander or an admin may give someone else a role"));
}

TEST_CASE("permission lists can open an action to anyone") {
    auto s = staffed();
    Policy p = policy();
    p.permissions.may_resolve = {"anyone"};
    CHECK(std::holds_alternative<Change>(apply(s, cmd::Resolve{}, Context{"carol", t0(), &p})));
}

TEST_CASE("commands without a permission list are open to everyone") {
    auto s = staffed();
    CHECK(std::holds_alternative<Change>(apply(s, cmd::Note{"x"}, as("carol"))));
    CHECK(std::holds_alternative<Change>(apply(s, cmd::PostUpdate{"x"}, as("carol"))));
    CHECK(std::holds_alternative<Change>(apply(s, cmd::Mitigated{}, as("carol"))));
}

TEST_CASE("only those who may resolve may close") {
    auto s = staffed();
    step(s, cmd::Resolve{}, as("alice"));
    CHECK(expect_refusal(apply(s, cmd::Close{}, as("bob"))) ==
          "Only the Incident Commander or an admin may close the incident.");
    CHECK(std::holds_alternative<Change>(apply(s, cmd::Close{}, as("alice"))));
}
