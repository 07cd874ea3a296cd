// A scripted SEV1 in the console that walks the guides' whole checklist: every item ticks,
// in order, by itself or by hand, and the draft's Process section says when (golden file).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "fakes/manual_clock.hpp"
#include "firebreak/app/postmortem.hpp"
#include "firebreak/console/console_session.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using namespace std::chrono_literals;

namespace {

core::Timestamp t0() {
    return core::Timestamp{core::Duration{1'795'341'600}};
}  // 2026-11-22 10:00 UTC

// The declare form's answers follow `/incident declare`: title, severity (1 = SEV1), what
// is broken, who is affected, since (20 minutes ago), what changed, not private. The
// resolve form's follow `/incident resolve`: five criteria confirmed, the watch period's
// already ticked (Enter).
constexpr const char* kScript = R"(:as alice
/incident declare
Checkout errors for EU customers
1
Card payments fail with a timeout
EU customers paying by card
20m
Deploy v2.3 of the payments service at 09:35
n
:click 1
:advance 2m
/incident tl @bob
/incident comms @carol
/incident bridge https://meet.jit.si/acme-checkout
:advance 3m
/incident workstream mitigation @bob fail over the primary
/incident decision Fail over the primary database --reversible
:as bob
/incident ack 1
:as alice
/incident ack 1
:advance 5m
:as carol
/incident update Card payments failing for 30% of EU customers; failing over
:advance 10m
:as alice
/incident mitigated Failover complete, errors back to baseline
:advance 31m
/incident resolve Pool size restored
y
y
y
y
y

:advance 1m
/incident postmortem
/incident checklist
:click 1
/incident action Alert on pool saturation owner:@bob due:2026-12-15 priority:p1
:quit
)";

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("a console SEV1 walks the whole checklist, and the draft's Process section says so") {
    firebreak::testing::TempDir dir;
    fakes::ManualClock clock{t0()};
    store::Store store({dir.file("fb.db"), "normal"});
    store.migrate();
    app::ServiceSettings settings;
    settings.announce_conversations["console"] = "incidents";
    app::IncidentService service(store, clock, settings);
    app::FrontDoor front_door(service, store, clock);
    front_door.add_platform(console::platform_profile());
    std::istringstream in(kScript);
    std::ostringstream out;
    console::ConsoleSession session(front_door, service, store, clock, in, out,
                                    console::ConsoleOptions{});
    CHECK(session.run() == 0);
    const std::string output = out.str();
    INFO(output);

    // The pinned checklist as first posted: what the declare form answered is ticked.
    CHECK(output.find("*Checklist* · SEV1 (Critical)\n    *Declare*\n    ☑ Severity set\n"
                      "    ☐ Incident Commander assigned\n    ☐ Tech Lead assigned\n"
                      "    ☑ Incident channel open\n") != std::string::npos);
    CHECK(output.find("(@alice clicked \"Tick: Review scheduled\")") != std::string::npos);
    CHECK(output.find("@alice ticked \"Review scheduled\" on the checklist.") != std::string::npos);

    auto tx = store.begin();
    auto inc = tx.incident_by_name("inc-20261122-checkout-errors-for-eu-customers");
    REQUIRE(inc);
    CHECK(inc->status == core::Status::resolved);
    std::vector<std::string> order;
    std::vector<core::Timestamp> when;
    for (const auto& t : tx.checklist_ticks(inc->id)) {
        order.push_back(t.item);
        when.push_back(t.at);
        CHECK(t.by == (t.item == "review" ? "alice" : ""));
    }
    CHECK(order == std::vector<std::string>{"severity", "cadence", "broken", "affected", "since",
                                            "changes", "channel", "ic", "tl", "bridge",
                                            "workstreams", "decisions", "updates", "mitigated",
                                            "watch", "summarised", "review", "actions"});
    CHECK(std::is_sorted(when.begin(), when.end()));

    auto record = app::load_record(tx, std::to_string(inc->id));
    REQUIRE(record);
    const std::string md = app::postmortem_markdown(*record, service.settings().policy);
    const std::size_t at = md.find("## Process");
    REQUIRE(at != std::string::npos);
    const std::string process = md.substr(at);
    const std::string golden_path = FIREBREAK_GOLDEN_DIR "/process.md";
    if (std::getenv("FIREBREAK_UPDATE_GOLDEN") != nullptr) {
        std::ofstream(golden_path, std::ios::binary) << process;
        WARN("rewrote " << golden_path);
    }
    CHECK(process == read_file(golden_path));
    CHECK(md.find("## What we did\n\n- mitigation — @bob, active (started 2026-11-22 10:05 "
                  "UTC): fail over the primary\n") != std::string::npos);
}
