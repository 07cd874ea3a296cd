// The playbook's keys: checklist, workstreams, resolution_checklist, incident.bridge_url,
// incident.escalation_channel and severities[].notify.

#include <catch2/catch.hpp>

#include "config_test_support.hpp"

using namespace firebreak;
using namespace firebreak::config;
using Catch::Matchers::Contains;
using test::describe_errors;
using test::error_at;
using test::load;
using test::single_error;

TEST_CASE("without the playbook sections the guides' lists apply") {
    auto r = load("{}\n");
    REQUIRE(r.config);
    core::Policy p = r.config->policy();
    CHECK(p.checklist == core::playbook_checklist());
    CHECK(p.checklist.size() == 18);
    CHECK(p.workstreams == std::vector<std::string>{"mitigation", "diagnosis", "comms", "vendor"});
    CHECK(p.resolution_checklist.back() == "Watch period completed");
    CHECK(r.config->incident.bridge_url.empty());
}

TEST_CASE("the checklist, workstreams and criteria come from config") {
    auto r = load(R"(incident:
  bridge_url: "https://meet.jit.si/acme-{slug}"
  escalation_channel: C_HELP
checklist:
  - { id: ic, phase: declare, text: "IC named", when: ic_assigned }
  - { id: stakeholders, phase: manage, text: "Leadership told", severities: [sev1] }
workstreams: [mitigation, db]
resolution_checklist: ["Errors back to baseline"]
severities:
  - id: sev1
    update_every: 15m
    notify: ["C_LEAD", { conversation: C_SEC, private_safe: true }]
  - { id: sev2, update_every: 30m }
)");
    INFO(describe_errors(r));
    REQUIRE(r.config);
    const Config& c = *r.config;
    REQUIRE(c.checklist.size() == 2);
    CHECK(c.checklist[0].when == "ic_assigned");
    CHECK(c.checklist[1].when == "manual");  // the default
    CHECK(c.checklist[1].phase == core::Phase::manage);
    CHECK(c.checklist[1].severities == std::vector<std::string>{"sev1"});
    CHECK(c.workstreams == std::vector<std::string>{"mitigation", "db"});
    CHECK(c.resolution_checklist == std::vector<std::string>{"Errors back to baseline"});
    CHECK(c.incident.bridge_url == "https://meet.jit.si/acme-{slug}");
    CHECK(c.incident.escalation_channel == "C_HELP");
    REQUIRE(c.severities[0].notify.size() == 2);
    CHECK(c.severities[0].notify[0] == core::Stakeholders{"C_LEAD", false});
    CHECK(c.severities[0].notify[1] == core::Stakeholders{"C_SEC", true});
    CHECK(c.severities[1].notify.empty());
}

TEST_CASE("a checklist item with an unknown trigger, phase or severity is reported") {
    auto r = load(R"(checklist:
  - { id: a, phase: triage, text: "A", when: ic_asigned }
  - { id: b, phase: cleanup, text: "B" }
  - { id: c, phase: close, text: "C", severities: [sev7] }
  - { id: a, phase: close, text: "again" }
)");
    CHECK_THAT(error_at(r, "checklist[0].when").message, Contains("did you mean 'ic_assigned'"));
    CHECK(error_at(r, "checklist[0].when").line == 2);
    CHECK_THAT(error_at(r, "checklist[1].phase").message, Contains("declare"));
    CHECK_THAT(error_at(r, "checklist[2].severities[0]").message, Contains("sev7"));
    CHECK_THAT(error_at(r, "checklist[3].id").message, Contains("listed twice"));
}

TEST_CASE("a bridge template must give a web address and use only its placeholders") {
    ConfigError e = single_error(load("incident:\n  bridge_url: \"https://meet/{room}\"\n"));
    CHECK(e.key_path == "incident.bridge_url");
    CHECK(e.line == 2);
    CHECK_THAT(e.message, Contains("unknown placeholder {room}"));
    ConfigError f = single_error(load("incident:\n  bridge_url: \"meet.jit.si/{slug}\"\n"));
    CHECK_THAT(f.message, Contains("https://"));
}

TEST_CASE("workstream names are one word, each listed once") {
    auto r = load("workstreams: [mitigation, Diag Nosis, mitigation]\n");
    CHECK_THAT(error_at(r, "workstreams[1]").message, Contains("one word"));
    CHECK_THAT(error_at(r, "workstreams[2]").message, Contains("listed twice"));
}
