#include "firebreak/core/transitions.hpp"

#include "core_test_support.hpp"

using namespace firebreak::core;
using namespace std::chrono_literals;

namespace {
constexpr Status kAll[] = {Status::investigating, Status::mitigating, Status::monitoring,
                           Status::resolved,      Status::closed,     Status::canceled};

bool allowed(Status from, Status to) {
    return !transition_refusal(from, to).has_value();
}
}  // namespace

TEST_CASE("the transition table allows exactly the playbook's moves") {
    // Rows: from; columns: to, in kAll order.
    const bool expected[6][6] = {
        /* investigating */ {false, true, true, true, false, true},
        /* mitigating    */ {true, false, true, true, false, true},
        /* monitoring    */ {true, true, false, true, false, true},
        /* resolved      */ {true, false, false, false, true, false},
        /* closed        */ {false, false, false, false, false, false},
        /* canceled      */ {false, false, false, false, false, false},
    };
    for (int f = 0; f < 6; ++f)
        for (int t = 0; t < 6; ++t) {
            INFO(to_string(kAll[f]) << " -> " << to_string(kAll[t]));
            CHECK(allowed(kAll[f], kAll[t]) == expected[f][t]);
        }
}

TEST_CASE("a refused move says why") {
    CHECK(*transition_refusal(Status::closed, Status::monitoring) ==
          "Only a live incident can be mitigated; this one is closed.");
    CHECK(*transition_refusal(Status::investigating, Status::investigating) ==
          "The incident is already investigating.");
    CHECK(*transition_refusal(Status::canceled, Status::canceled) ==
          "The incident is already canceled.");
    CHECK(*transition_refusal(Status::resolved, Status::canceled) ==
          "Only a live incident can be canceled; this one is resolved.");
}

TEST_CASE("entering monitoring stamps mitigated") {
    Incident inc;
    enter_status(inc, Status::monitoring, testing::t0());
    CHECK(inc.milestones.mitigated_at == testing::t0());
}

TEST_CASE("a mitigation that did not hold is stamped again when one holds") {
    Incident inc;
    enter_status(inc, Status::monitoring, testing::t0());
    enter_status(inc, Status::investigating, testing::t0() + 5min);
    CHECK_FALSE(inc.milestones.mitigated_at);
    enter_status(inc, Status::monitoring, testing::t0() + 10min);
    CHECK(inc.milestones.mitigated_at == testing::t0() + 10min);
    enter_status(inc, Status::mitigating, testing::t0() + 12min);
    CHECK_FALSE(inc.milestones.mitigated_at);
}

TEST_CASE("resolving a never-mitigated incident stamps the skipped milestone") {
    Incident inc;
    enter_status(inc, Status::resolved, testing::t0());
    CHECK(inc.status == Status::resolved);
    CHECK(inc.milestones.mitigated_at == testing::t0());
    CHECK(inc.milestones.resolved_at == testing::t0());
}

TEST_CASE("reopening clears the resolved milestone and closing stamps closed") {
    Incident inc;
    enter_status(inc, Status::resolved, testing::t0());
    enter_status(inc, Status::investigating, testing::t0() + 1h);
    CHECK_FALSE(inc.milestones.resolved_at);
    enter_status(inc, Status::resolved, testing::t0() + 2h);
    enter_status(inc, Status::closed, testing::t0() + 3h);
    CHECK(inc.milestones.closed_at == testing::t0() + 3h);
}
