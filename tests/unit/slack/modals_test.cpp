// The app's forms as Slack modals, and view_submission payloads back as field values.
#include "firebreak/slack/modals.hpp"

#include <catch2/catch.hpp>

#include "firebreak/app/forms.hpp"

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
    json modal = slack::render_modal(app::forms::declare_form(policy, "C1"));
    CHECK(modal["callback_id"] == slack::kDeclareCallback);
    const json& severity = modal["blocks"][1]["element"];
    CHECK(modal["blocks"][1]["block_id"] == "severity");
    CHECK(severity["options"].size() == policy.severities.size());
    CHECK(severity["initial_option"]["value"] == policy.default_severity);
    CHECK(severity["options"][0]["description"]["text"] == policy.severities[0].description);
    CHECK(modal["blocks"][0]["element"]["max_length"] == core::kMaxTitleChars);
}

TEST_CASE("every kind of field becomes the Block Kit element for it") {
    chat::Form form;
    form.id = "probe";
    form.title = "A title longer than Slack's twenty-four characters";
    form.submit_label = "Go";
    form.fields = {{"t", chat::FieldKind::text, "T", false, 10, "hi", {}},
                   {"m", chat::FieldKind::multiline, "M", true, 0, "", {}},
                   {"c", chat::FieldKind::checkbox, "Tick me", true, 0, "true", {}},
                   {"d", chat::FieldKind::datetime, "When", true, 0, "", {}},
                   {"u", chat::FieldKind::user, "Who", false, 0, "", {}}};
    json modal = slack::render_modal(form);
    CHECK(modal["callback_id"] == "firebreak_probe");
    CHECK(modal["title"]["text"].get<std::string>().size() <= 24 + 2);  // "…" is 3 bytes
    const json& b = modal["blocks"];
    CHECK(b[0]["element"]["type"] == "plain_text_input");
    CHECK(b[0]["element"]["max_length"] == 10);
    CHECK(b[0]["element"]["initial_value"] == "hi");
    CHECK(b[1]["element"]["multiline"] == true);
    CHECK(b[1]["optional"] == true);
    CHECK(b[2]["element"]["type"] == "checkboxes");
    CHECK(b[2]["element"]["initial_options"].size() == 1);
    CHECK(b[3]["element"]["type"] == "datetimepicker");
    CHECK(b[4]["element"]["type"] == "users_select");
}

TEST_CASE("a submission comes back with its form, context and every kind of value") {
    auto policy = core::Policy::playbook_default();
    json view = submitted(
        slack::render_modal(app::forms::declare_form(policy, "C1")),
        {{"title", typed("  Checkout errors ")},
         {"severity", chosen("sev1")},
         {"broken", typed("payments fail")},
         {"since", {{"value", {{"type", "datetimepicker"}, {"selected_date_time", 1795340000}}}}},
         {"private",
          {{"value", {{"type", "checkboxes"}, {"selected_options", {{{"value", "true"}}}}}}}}});
    auto submission = slack::read_submission(view);
    REQUIRE(submission);
    CHECK(submission->form_id == "declare");
    CHECK(submission->context.at("conversation") == "C1");
    CHECK(submission->values.at("title") == "  Checkout errors ");
    CHECK(submission->values.at("severity") == "sev1");
    CHECK(submission->values.at("since") == "2026-11-22T09:33:20Z");
    CHECK(submission->values.at("private") == "true");

    json handover =
        submitted(slack::render_modal(app::forms::handover_form(core::Role::tl, "Tech Lead", "C1")),
                  {{"to", {{"value", {{"type", "users_select"}, {"selected_user", "U2"}}}}}});
    auto read = slack::read_submission(handover);
    REQUIRE(read);
    CHECK(read->values.at("to") == "U2");
    CHECK(read->context.at("role") == "tl");
}

TEST_CASE("a view firebreak did not open is not a submission") {
    CHECK_FALSE(slack::read_submission(json{{"callback_id", "someone_else"}}));
    CHECK_FALSE(slack::read_submission(
        json{{"callback_id", "firebreak_declare"}, {"private_metadata", "not json"}}));
    CHECK_FALSE(slack::read_submission(json::array()));
}

TEST_CASE("field errors are Slack's response_action errors") {
    json body = slack::field_errors({{"title", "Give the incident a short title."}});
    CHECK(body["response_action"] == "errors");
    CHECK(body["errors"]["title"] == "Give the incident a short title.");
}
