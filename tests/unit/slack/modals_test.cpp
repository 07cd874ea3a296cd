#include "firebreak/slack/modals.hpp"

#include <catch2/catch.hpp>

using namespace firebreak;
using nlohmann::json;

namespace {

json submitted(const json& modal, const json& values) {
    json view = modal;
    view["id"] = "V1";
    view["state"]["values"] = values;
    return view;
}

json typed(const std::string& text) {
    return json{{"value", {{"type", "plain_text_input"}, {"value", text}}}};
}

json chosen(const std::string& value) {
    return json{{"value", {{"type", "static_select"}, {"selected_option", {{"value", value}}}}}};
}

}  // namespace

TEST_CASE("the declare form lists every severity with its description") {
    auto policy = core::Policy::playbook_default();
    json modal = slack::declare_modal(policy, "C1");
    CHECK(modal["callback_id"] == slack::kDeclareCallback);
    CHECK(slack::form_channel(modal) == "C1");
    const json& severity = modal["blocks"][1]["element"];
    CHECK(severity["options"].size() == policy.severities.size());
    CHECK(severity["initial_option"]["value"] == policy.default_severity);
}

TEST_CASE("a declare submission becomes a declare with impact") {
    auto policy = core::Policy::playbook_default();
    json view =
        submitted(slack::declare_modal(policy, "C1"),
                  {{"title", typed("  Checkout errors ")},
                   {"severity", chosen("sev1")},
                   {"broken", typed("payments fail")},
                   {"affected", typed("all EU customers")},
                   {"private", {{"value", {{"selected_options", {{{"value", "private"}}}}}}}}});
    auto read = slack::read_declare(view, policy);
    REQUIRE(std::holds_alternative<core::cmd::Declare>(read));
    const auto& d = std::get<core::cmd::Declare>(read);
    CHECK(d.title == "Checkout errors");
    CHECK(d.severity == "sev1");
    CHECK(d.impact.what_broken == "payments fail");
    CHECK(d.impact.who_affected == "all EU customers");
    CHECK(d.is_private);
}

TEST_CASE("a declare submission without a title or with an unknown severity gets field errors") {
    auto policy = core::Policy::playbook_default();
    json view = submitted(slack::declare_modal(policy, "C1"),
                          {{"title", typed("   ")}, {"severity", chosen("sev9")}});
    auto read = slack::read_declare(view, policy);
    REQUIRE(std::holds_alternative<slack::FieldErrors>(read));
    const auto& errors = std::get<slack::FieldErrors>(read);
    CHECK(errors.contains("title"));
    CHECK(errors.contains("severity"));
}

TEST_CASE("an update submission composes the update and notices a status change") {
    core::Incident inc;
    inc.status = core::Status::investigating;
    json modal = slack::update_modal(inc, "C1");
    json same = submitted(modal, {{"status", chosen("investigating")},
                                  {"known", typed("DB primary is down")},
                                  {"doing", typed("failing over")},
                                  {"trend", chosen("stable")}});
    auto read = slack::read_update(same);
    REQUIRE(std::holds_alternative<slack::UpdateSubmission>(read));
    CHECK_FALSE(std::get<slack::UpdateSubmission>(read).status);
    CHECK(std::get<slack::UpdateSubmission>(read).text ==
          "*What we know:* DB primary is down\n*What we're doing:* failing over\n*Impact:* stable");

    json moved = submitted(modal, {{"status", chosen("mitigating")},
                                   {"known", typed("x")},
                                   {"doing", typed("y")},
                                   {"trend", chosen("improving")}});
    auto read2 = slack::read_update(moved);
    REQUIRE(std::holds_alternative<slack::UpdateSubmission>(read2));
    CHECK(std::get<slack::UpdateSubmission>(read2).status == core::Status::mitigating);
}

TEST_CASE("an update submission with empty fields gets field errors") {
    core::Incident inc;
    json view = submitted(slack::update_modal(inc, "C1"), json::object());
    auto read = slack::read_update(view);
    REQUIRE(std::holds_alternative<slack::FieldErrors>(read));
    CHECK(std::get<slack::FieldErrors>(read).size() == 3);
}
