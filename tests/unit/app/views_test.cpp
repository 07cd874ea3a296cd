// The messages that name an incident's conversation: they name the one that exists.
#include "views.hpp"

#include <catch2/catch.hpp>

using namespace firebreak;
using namespace firebreak::app;

namespace {

core::Incident payments_outage(std::string conversation = "") {
    core::Incident inc;
    inc.id = 1;
    inc.name = "inc-20261122-payments-outage";
    inc.title = "Payments outage";
    inc.severity = "sev1";
    inc.declared_by = "U1";
    inc.conversation = std::move(conversation);
    return inc;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("a view names the incident's conversation once it exists, and its creation before") {
    CHECK(views::channel_reference(payments_outage("C0123")) == "<#C0123>");
    CHECK(views::channel_reference(payments_outage()) == "creating the channel…");
}

TEST_CASE("the incident list names each incident's real conversation, never its intended name") {
    core::Policy policy = core::Policy::playbook_default();
    auto created = payments_outage("C0123");
    auto waiting = payments_outage();
    waiting.name = "inc-20261122-db-down";
    waiting.title = "DB down";
    std::string list = views::incident_list({created, waiting}, 0, policy).text;
    CHECK(contains(list, "<#C0123>  SEV1 (Critical)"));
    CHECK(contains(list, "creating the channel…  SEV1 (Critical)"));
    CHECK_FALSE(contains(list, "#inc-"));
}

TEST_CASE("the incident list says where an incident of another platform runs") {
    core::Policy policy = core::Policy::playbook_default();
    auto on_slack = payments_outage("C0123");
    on_slack.platform = "slack";
    auto on_teams = payments_outage("19:abc@thread.tacv2");
    on_teams.platform = "teams";
    on_teams.name = "inc-20261122-db-down";
    std::string from_slack = views::incident_list({on_slack, on_teams}, 0, policy, "slack").text;
    CHECK(contains(from_slack, "<#C0123>  SEV1"));
    CHECK(contains(from_slack, "inc-20261122-db-down (on Teams)  SEV1"));
    CHECK_FALSE(contains(from_slack, "19:abc"));
    std::string from_teams = views::incident_list({on_slack, on_teams}, 0, policy, "teams").text;
    CHECK(contains(from_teams, "(on Slack)"));
    CHECK(contains(from_teams, "<#19:abc@thread.tacv2>"));
}

TEST_CASE("the declare reply names no channel: it is being created, and the declarer invited") {
    core::Policy policy = core::Policy::playbook_default();
    core::Change change;
    change.incident = payments_outage();
    chat::Message m = views::declared_confirmation(change.incident, change, policy);
    CHECK(m.text ==
          "Declared SEV1 (Critical): inc-20261122-payments-outage. I am creating its channel "
          "and will invite you to it.");
    CHECK_FALSE(contains(m.text, "#"));
}

TEST_CASE("the announcement names the conversation it was created with") {
    ServiceSettings settings;
    auto inc = payments_outage();
    auto parts = views::announcement_parts(inc, settings);
    REQUIRE(parts.size() == 2);  // the default template names {channel} once
    inc.conversation = "C0123";
    std::string text = views::announcement(inc, parts).text;
    CHECK(contains(text, "declared: Payments outage."));
    CHECK(contains(text, "Working in <#C0123>."));
    CHECK(views::announcement(inc, settings).text == text);
}

TEST_CASE("a title that reads like the channel placeholder stays the title") {
    ServiceSettings settings;
    settings.templates.declared = "{title} in {channel}; again {channel}";
    auto inc = payments_outage();
    inc.title = "{channel} is down";
    auto parts = views::announcement_parts(inc, settings);
    inc.conversation = "C0123";
    CHECK(views::announcement(inc, parts).text == "{channel} is down in <#C0123>; again <#C0123>");
}

TEST_CASE("a channel that cannot be created is told with its reason") {
    auto inc = payments_outage();
    const std::string error = "conversations.create: every name is taken";
    std::string declarer =
        views::conversation_not_created(inc, error, views::Audience::declarer).text;
    CHECK(contains(declarer,
                   "could not create the channel for *Payments outage* "
                   "(inc-20261122-payments-outage): " +
                       error));
    std::string announce =
        views::conversation_not_created(inc, error, views::Audience::announce).text;
    CHECK(
        contains(announce, "was declared by <@U1>, but I could not create its channel: " + error));
}
