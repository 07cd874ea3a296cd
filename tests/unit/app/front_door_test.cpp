// The front door: one way in for every platform, one transaction per request.
#include "firebreak/app/front_door.hpp"

#include <catch2/catch.hpp>

#include "firebreak/app/outbox_kinds.hpp"
#include "service_fixture.hpp"

using namespace firebreak;
using namespace firebreak::app;
using namespace firebreak::app::testing;

namespace {

/// A platform like Slack: typed answers shown, buttons' answers queued, forms queued.
PlatformProfile queued_platform(std::size_t fit = 100) {
    PlatformProfile p;
    p.name = "slack";
    p.fits_in_answer = [fit](const std::vector<chat::Message>& m) {
        return std::min(fit, m.size());
    };
    p.forms = PlatformProfile::Forms::queued;
    return p;
}

Inbound on(std::string platform, Inbound in) {
    in.platform = std::move(platform);
    return in;
}

struct Door : ServiceFixture {
    Door() {
        front_door.add_platform(queued_platform());
        PlatformProfile prompts = plain_platform();
        prompts.name = "prompts";
        prompts.forms = PlatformProfile::Forms::in_answer;
        front_door.add_platform(prompts);
    }
    int count_incidents() {
        auto tx = store.read();
        return static_cast<int>(tx.incidents(false, 100).size());
    }
    /// Declares on `platform` and attaches the conversation named after the incident.
    std::string declare_on(const std::string& platform, const std::string& text) {
        front_door.handle(on(platform, typed("alice", "general", "declare " + text)));
        auto tx = store.begin();
        core::Incident inc = tx.incidents(false, 1).front();
        tx.commit();
        service.attach_conversation(inc.id, inc.name);
        return inc.name;
    }
    std::vector<store::OutboxItem> items_of_kind(std::string_view kind) {
        std::vector<store::OutboxItem> out;
        for (auto& item : outbox())
            if (item.kind == kind) out.push_back(item);
        return out;
    }
};

}  // namespace

TEST_CASE_METHOD(Door, "a request seen before has one effect, whatever the platform retries") {
    auto first = front_door.handle(typed("alice", "general", "declare DB down sev2", "trigger:T1"));
    auto again = front_door.handle(typed("alice", "general", "declare DB down sev2", "trigger:T1"));
    CHECK(first.kind == Answer::Kind::reply);
    CHECK(again.kind == Answer::Kind::duplicate);
    CHECK(count_incidents() == 1);
    // The same key on another platform is another request.
    auto elsewhere = front_door.handle(
        on("slack", typed("alice", "general", "declare DB down sev2", "trigger:T1")));
    CHECK(elsewhere.kind == Answer::Kind::reply);
    CHECK(count_incidents() == 2);
}

TEST_CASE_METHOD(Door, "a question answered on the spot remembers nothing") {
    front_door.handle(typed("alice", "general", "help", "trigger:T2"));
    CHECK_FALSE(store.begin().remembered("console", "console:trigger:T2", t0()));
    CHECK(front_door.handle(typed("alice", "general", "help", "trigger:T2")).kind ==
          Answer::Kind::reply);
}

TEST_CASE_METHOD(Door, "a platform with forms opens one for a declare with no title") {
    Inbound in = on("slack", typed("alice", "general", ""));
    in.form_token = "TRIG";
    Answer a = front_door.handle(in);
    CHECK(a.kind == Answer::Kind::form);
    auto opens = items_of_kind(outbox_kind::open_form);
    REQUIRE(opens.size() == 1);
    CHECK(opens[0].urgent);
    CHECK(opens[0].platform == "slack");
    CHECK(opens[0].payload.find("\"token\":\"TRIG\"") != std::string::npos);
    // Without a token there is nothing to open it with: the service explains.
    Answer no_token = front_door.handle(on("slack", typed("alice", "general", "")));
    CHECK(no_token.kind == Answer::Kind::reply);
    CHECK(text_of(no_token.reply).find("cannot show forms") != std::string::npos);
}

TEST_CASE_METHOD(Door, "update alone opens the update form only in a live incident's channel") {
    auto name = declare_on("prompts", "DB down sev2");
    Answer prompted = front_door.handle(on("prompts", typed("alice", name, "update")));
    REQUIRE(prompted.kind == Answer::Kind::form);
    REQUIRE(prompted.form);
    CHECK(prompted.form->id == "update");
    CHECK(prompted.form->context.at("conversation") == name);
    Answer elsewhere = front_door.handle(on("prompts", typed("alice", "general", "update")));
    CHECK(elsewhere.kind == Answer::Kind::reply);
}

TEST_CASE_METHOD(Door, "a refused form submission writes nothing and can be corrected") {
    Inbound in = on("prompts", typed("alice", "general", ""));
    in.dedupe_key = "view:V1";
    in.body = FormSubmission{"declare", {{"conversation", "general"}}, {{"title", " "}}};
    Answer refused = front_door.handle(in);
    REQUIRE(refused.kind == Answer::Kind::form_errors);
    CHECK(refused.errors.contains("title"));
    CHECK(count_incidents() == 0);
    CHECK(outbox().empty());
    in.body = FormSubmission{"declare",
                             {{"conversation", "general"}},
                             {{"title", "Search is slow"}, {"severity", "sev3"}}};
    CHECK(front_door.handle(in).kind == Answer::Kind::reply);
    CHECK(count_incidents() == 1);
    CHECK(front_door.handle(in).kind == Answer::Kind::duplicate);
    CHECK(count_incidents() == 1);
}

TEST_CASE_METHOD(Door, "a button's answer is queued where the platform cannot show it") {
    auto name = declare_on("slack", "DB down sev2");
    Inbound press = on("slack", typed("bob", name, ""));
    press.body = ButtonPress{"ic me"};
    Answer a = front_door.handle(press);
    CHECK(a.reply.messages.empty());
    auto posts = items_of_kind(outbox_kind::post);
    REQUIRE_FALSE(posts.empty());
    CHECK(posts.back().conversation == name);
    CHECK(posts.back().platform == "slack");
    CHECK(posts.back().payload.find("now Incident Commander") != std::string::npos);
    // A refusal is private: queued for the one who pressed, ahead of any pacing.
    Inbound again = press;
    again.user = "carol";
    again.body = ButtonPress{"resolve"};
    front_door.handle(again);
    auto privates = items_of_kind(outbox_kind::ephemeral);
    REQUIRE(privates.size() == 1);
    CHECK(privates[0].urgent);
    CHECK(privates[0].payload.find("\"user\":\"carol\"") != std::string::npos);
}

TEST_CASE_METHOD(Door, "what does not fit in the answer follows as more messages") {
    front_door.add_platform(queued_platform(1));
    auto name = declare_on("slack", "DB down sev2");
    for (int i = 0; i < 30; ++i)
        front_door.handle(on("slack", typed("alice", name, "note step " + std::to_string(i))));
    auto before = items_of_kind(outbox_kind::post).size();
    Answer a = front_door.handle(on("slack", typed("alice", name, "postmortem")));
    CHECK(a.reply.messages.size() == 1);
    CHECK(items_of_kind(outbox_kind::post).size() >= before);
}

TEST_CASE_METHOD(Door, "a captured message joins the timeline once; a named one is read back") {
    auto name = declare("DB down sev2");
    Inbound capture = typed("bob", name, "");
    capture.body = MessageCapture{"m1", std::string("p99 is back"), "carol", t0()};
    front_door.handle(capture);
    front_door.handle(capture);
    int captured = 0;
    auto id = incident(name).id;
    for (const auto& e : store.read().timeline(id))
        captured += e.kind == core::EventKind::message_captured && e.text == "p99 is back";
    CHECK(captured == 1);
    Inbound named = typed("bob", name, "", "event:Ev1");
    named.body = MessageCapture{"m2", std::nullopt, "", std::nullopt};
    front_door.handle(named);
    CHECK(front_door.handle(named).kind == Answer::Kind::duplicate);
    auto reads = items_of_kind(outbox_kind::capture_message);
    REQUIRE(reads.size() == 1);
    CHECK(reads[0].conversation == name);
}

TEST_CASE_METHOD(Door, "an inbound from a platform that was never registered is refused") {
    CHECK_THROWS_AS(front_door.handle(on("irc", typed("alice", "general", "help"))),
                    std::invalid_argument);
}
