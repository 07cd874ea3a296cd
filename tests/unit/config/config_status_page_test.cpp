// The status_page section, severities' external_update_every and permissions.may_publish.
#include <catch2/catch.hpp>

#include "config_test_support.hpp"

using namespace firebreak;
using namespace firebreak::config;
using namespace firebreak::config::test;

TEST_CASE("the status page is off by default; may_publish defaults to comms, ic, admins") {
    auto result = load("slack: {enabled: false}\n");
    INFO(describe_errors(result));
    REQUIRE(result.config);
    CHECK_FALSE(result.config->status_page.enabled);
    CHECK_FALSE(result.config->policy().status_page);
    CHECK(result.config->permissions.may_publish ==
          std::vector<std::string>{"comms", "ic", "admins"});
    // The playbook's external cadence: SEV1 30m, SEV2 1h, SEV3 off.
    const auto& levels = result.config->severities;
    CHECK(levels[0].external_update_every == core::Duration{std::chrono::minutes(30)});
    CHECK(levels[1].external_update_every == core::Duration{std::chrono::hours(1)});
    CHECK_FALSE(levels[2].external_update_every);
}

TEST_CASE("a status_page section is read into the config and the policy") {
    auto result = load(R"(slack: {enabled: false}
status_page:
  enabled: true
  title: Example status
  public_url: https://status.example.com
  time_zone: UTC
  components:
    - {id: api, name: Public API, description: The REST API, group: Platform}
    - {id: checkout}
severities:
  - {id: sev1, update_every: 15m, external_update_every: 20m}
  - {id: sev2, update_every: 30m}
incident: {default_severity: sev2}
permissions: {may_publish: [comms]}
)");
    INFO(describe_errors(result));
    REQUIRE(result.config);
    const auto& page = result.config->status_page;
    CHECK(page.enabled);
    CHECK(page.title == "Example status");
    CHECK(page.public_url == "https://status.example.com");
    REQUIRE(page.components.size() == 2);
    CHECK(page.components[0] ==
          core::StatusPageComponent{"api", "Public API", "The REST API", "Platform"});
    CHECK(page.components[1].name == "checkout");  // the id when no name is given
    core::Policy policy = result.config->policy();
    CHECK(policy.status_page);
    CHECK(policy.components.size() == 2);
    CHECK(policy.permissions.may_publish == std::vector<std::string>{"comms"});
    CHECK(policy.severities[0].external_update_every == core::Duration{std::chrono::minutes(20)});
    CHECK_FALSE(policy.severities[1].external_update_every);  // not given: off
}

TEST_CASE("bad status_page values are reported with their line") {
    auto result = load(R"(slack: {enabled: false}
status_page:
  enabled: true
  public_url: status.example.com
  time_zone: Mars/Olympus
  components:
    - {id: api}
    - {id: "Public API"}
    - {id: api}
permissions: {may_publish: [comms, everyone]}
)");
    CHECK(error_at(result, "status_page.public_url").line == 4);
    CHECK(error_at(result, "status_page.time_zone").line == 5);
    CHECK_THAT(error_at(result, "status_page.components[1].id").message,
               Catch::Contains("one word of lowercase letters"));
    auto dup = error_at(result, "status_page.components[2].id");
    CHECK(dup.line == 9);
    CHECK_THAT(dup.message, Catch::Contains("first given at"));
    CHECK(error_at(result, "permissions.may_publish[1]").line == 10);
}

TEST_CASE("a customer-facing template may not name anything internal") {
    auto result = load(R"(slack: {enabled: false}
templates:
  external_investigating: "We are on it, says {ic} in {channel}. Next update at {next_update}."
  external_monitoring: "Watching {service}; next update at {next_update}."
)");
    auto e = error_at(result, "templates.external_investigating");
    CHECK(e.line == 3);
    CHECK_THAT(e.message, Catch::Contains("{ic}, {channel} are internal"));
    CHECK(result.errors.size() == 1);
}
