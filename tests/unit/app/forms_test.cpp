// The forms' definitions and what their submissions mean, whatever platform shows them.
#include "firebreak/app/forms.hpp"

#include <catch2/catch.hpp>

#include "firebreak/chat/form.hpp"

using namespace firebreak;
using namespace firebreak::app;

namespace {

core::Timestamp t0() {
    return core::Timestamp{core::Duration{1'795'341'600}};  // 2026-11-22 10:00 UTC
}

}  // namespace

TEST_CASE("the declare form asks the playbook's triage questions") {
    auto form = forms::declare_form(core::Policy::playbook_default(), "C1");
    for (const char* id :
         {"title", "severity", "broken", "affected", "since", "changes", "private"})
        CHECK(form.field(id) != nullptr);
    CHECK(form.field("since")->kind == chat::FieldKind::datetime);
    CHECK(form.field("title")->max_chars == core::kMaxTitleChars);
    CHECK(form.context.at(forms::kConversation) == "C1");
}

TEST_CASE("a declare submission becomes a declare with its triage answers") {
    auto policy = core::Policy::playbook_default();
    auto read = forms::read_declare({{"title", "  Checkout errors "},
                                     {"severity", "sev1"},
                                     {"broken", "payments fail"},
                                     {"affected", "all EU customers"},
                                     {"since", "2026-11-22T09:30:00Z"},
                                     {"changes", "deploy 4812 at 09:25"},
                                     {"private", "true"}},
                                    policy, t0());
    REQUIRE(std::holds_alternative<core::cmd::Declare>(read));
    const auto& d = std::get<core::cmd::Declare>(read);
    CHECK(d.title == "Checkout errors");
    CHECK(d.severity == "sev1");
    CHECK(d.impact.what_broken == "payments fail");
    CHECK(d.impact.who_affected == "all EU customers");
    CHECK(d.impact.recent_changes == "deploy 4812 at 09:25");
    CHECK(d.impact.started_at == t0() - std::chrono::minutes(30));
    CHECK(d.is_private);
}

TEST_CASE("a declare submission with bad answers gets an error on each field") {
    auto policy = core::Policy::playbook_default();
    auto read = forms::read_declare({{"title", "   "},
                                     {"severity", "sev9"},
                                     {"since", "yesterday"},
                                     {"broken", std::string(2001, 'x')}},
                                    policy, t0());
    REQUIRE(std::holds_alternative<chat::FieldErrors>(read));
    const auto& errors = std::get<chat::FieldErrors>(read);
    CHECK(errors.contains("title"));
    CHECK(errors.contains("severity"));
    CHECK(errors.contains("since"));
    CHECK(errors.contains("broken"));
    auto future =
        forms::read_declare({{"title", "x"}, {"since", "2026-11-22 10:05"}}, policy, t0());
    REQUIRE(std::holds_alternative<chat::FieldErrors>(future));
    CHECK(std::get<chat::FieldErrors>(future).at("since") ==
          "The impact cannot start in the future.");
}

TEST_CASE("one title limit holds for the form and for a typed declare") {
    auto policy = core::Policy::playbook_default();
    std::string long_title(core::kMaxTitleChars + 1, 't');
    auto read = forms::read_declare({{"title", long_title}}, policy, t0());
    REQUIRE(std::holds_alternative<chat::FieldErrors>(read));
    CHECK(std::get<chat::FieldErrors>(read).contains("title"));
}

TEST_CASE("an update submission composes the update and notices a status change") {
    core::Incident inc;
    inc.status = core::Status::investigating;
    auto form = forms::update_form(inc, "C1");
    chat::FieldValues same{{"status", "investigating"},
                           {"known", "DB primary is down"},
                           {"doing", "failing over"},
                           {"trend", "stable"}};
    auto read = forms::read_update(form.context, same);
    REQUIRE(std::holds_alternative<forms::UpdateSubmission>(read));
    CHECK_FALSE(std::get<forms::UpdateSubmission>(read).status);
    CHECK(std::get<forms::UpdateSubmission>(read).text ==
          "*What we know:* DB primary is down\n*What we're doing:* failing over\n*Impact:* stable");
    chat::FieldValues moved = same;
    moved["status"] = "mitigating";
    auto read2 = forms::read_update(form.context, moved);
    REQUIRE(std::holds_alternative<forms::UpdateSubmission>(read2));
    CHECK(std::get<forms::UpdateSubmission>(read2).status == core::Status::mitigating);
}

TEST_CASE("an update submission with empty fields gets field errors") {
    auto form = forms::update_form(core::Incident{}, "C1");
    auto read = forms::read_update(form.context, {});
    REQUIRE(std::holds_alternative<chat::FieldErrors>(read));
    CHECK(std::get<chat::FieldErrors>(read).size() == 3);
}

TEST_CASE("a handover submission needs the new holder and a summary") {
    auto form = forms::handover_form(core::Role::tl, "Tech Lead", "C1");
    auto read = forms::read_handover(form.context, {{"to", "U2"}, {"summary", "DB failed over"}});
    REQUIRE(std::holds_alternative<core::cmd::Handover>(read));
    CHECK(std::get<core::cmd::Handover>(read).role == core::Role::tl);
    CHECK(std::get<core::cmd::Handover>(read).to == "U2");
    auto missing = forms::read_handover(form.context, {});
    REQUIRE(std::holds_alternative<chat::FieldErrors>(missing));
    CHECK(std::get<chat::FieldErrors>(missing).size() == 2);
}

TEST_CASE("update and handover alone ask for their forms; anything else runs") {
    CHECK(forms::form_requested("update").request == forms::FormRequest::update);
    CHECK(forms::form_requested(" UPDATE ").request == forms::FormRequest::update);
    auto h = forms::form_requested("handover tl");
    CHECK(h.request == forms::FormRequest::handover);
    CHECK(h.role == core::Role::tl);
    CHECK(forms::form_requested("update DB is back").request == forms::FormRequest::none);
    CHECK(forms::form_requested("handover tl <@U2> all good").request == forms::FormRequest::none);
    CHECK(forms::form_requested("handover boss").request == forms::FormRequest::none);
}

TEST_CASE("a form survives the outbox: serialised and read back whole") {
    auto form = forms::declare_form(core::Policy::playbook_default(), "C1");
    auto back = chat::deserialize_form(chat::serialize(form));
    REQUIRE(back);
    CHECK(*back == form);
    CHECK_FALSE(chat::deserialize_form("{\"id\": \"x\"}"));
    CHECK_FALSE(chat::deserialize_form("[1"));
}
