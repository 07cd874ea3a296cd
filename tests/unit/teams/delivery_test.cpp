// The Teams deliverer's outbox kinds against FakeTeams, over a real store.
#include <catch2/catch.hpp>

#include "delivery_fixture.hpp"
#include "firebreak/chat/form.hpp"

using namespace firebreak;
using namespace firebreak::teams;
using namespace firebreak::teams::testing;
namespace kind = app::outbox_kind;

namespace {

json create_payload(bool is_private = false) {
    return json{
        {"name", "inc-20261122-checkout-errors"},
        {"private", is_private},
        {"invite", json::array({kAlice, kBob})},
        {"topic", "Checkout errors | SEV2 | investigating"},
        {"origin", {{"conversation", kAnnounce}, {"user", kAlice}}},
        {"announce", {{"conversation", kAnnounce}, {"parts", json::array({"declared", ""})}}}};
}

}  // namespace

TEST_CASE("create_conversation makes a Graph channel named from the payload and attaches it") {
    DeliveryFixture f;
    auto item = f.enqueue(kind::create_conversation, create_payload());
    auto outcome = f.attempt(item, "");
    INFO(outcome.error);
    REQUIRE(outcome.kind == Kind::delivered);
    auto channel = f.fake.channel_named(kTeam, "inc-20261122-checkout-errors");
    REQUIRE(channel);
    CHECK_FALSE(channel->is_private);
    CHECK(channel->description == "Checkout errors | SEV2 | investigating");
    CHECK(f.incident_conversation() == channel->id);
    auto call = f.fake.calls(route::create_channel).at(0);
    CHECK(call.path == std::string("/graph/v1.0/teams/") + kTeam + "/channels");
    CHECK(call.body["membershipType"] == "standard");
    // attach_conversation queued the announcement.
    bool announced = false;
    for (const auto& p : f.pending())
        if (p.kind == "post" && p.conversation == kAnnounce) announced = true;
    CHECK(announced);
    // A standard channel is the team's: nobody is added.
    CHECK(f.fake.calls(route::add_member).empty());
}

TEST_CASE("a taken channel name is tried again with -2, -3") {
    DeliveryFixture f;
    f.fake.add_channel(
        {kTeam, "19:old1@thread.tacv2", "inc-20261122-checkout-errors", "", false, {}, {}});
    f.fake.add_channel(
        {kTeam, "19:old2@thread.tacv2", "inc-20261122-checkout-errors-2", "", false, {}, {}});
    auto item = f.enqueue(kind::create_conversation, create_payload());
    REQUIRE(f.attempt(item, "").kind == Kind::delivered);
    auto channel = f.fake.channel_named(kTeam, "inc-20261122-checkout-errors-3");
    REQUIRE(channel);
    CHECK(f.incident_conversation() == channel->id);
    CHECK(f.fake.calls(route::create_channel).size() == 3);
}

TEST_CASE("a 403 on channel creation fails with what to grant or set") {
    DeliveryFixture f;
    f.fake.script(route::create_channel, fakes::TeamsAnswer::error(403));
    auto item = f.enqueue(kind::create_conversation, create_payload());
    auto outcome = f.attempt(item, "");
    CHECK(outcome.kind == Kind::failed);
    CHECK(outcome.error.find("Channel.Create.Group") != std::string::npos);
    CHECK(outcome.error.find("teams.incident_space: thread") != std::string::npos);
    CHECK(f.incident_conversation().empty());
}

TEST_CASE("429, 412 and 5xx on channel creation are retries, with Retry-After") {
    DeliveryFixture f;
    auto item = f.enqueue(kind::create_conversation, create_payload());
    f.fake.script(route::create_channel, fakes::TeamsAnswer::rate_limited(9));
    auto outcome = f.attempt(item, "");
    CHECK(outcome.kind == Kind::retry);
    CHECK(outcome.retry_after == core::Duration(9));
    f.fake.script(route::create_channel, fakes::TeamsAnswer::error(412));
    CHECK(f.attempt(item, "").kind == Kind::retry);
    f.fake.script(route::create_channel, fakes::TeamsAnswer::error(502));
    CHECK(f.attempt(item, "").kind == Kind::retry);
    CHECK(f.incident_conversation().empty());
    REQUIRE(f.attempt(item, "").kind == Kind::delivered);
    CHECK(f.fake.channel_named(kTeam, "inc-20261122-checkout-errors"));
}

TEST_CASE("a restart after the channel was created reuses it, never creating a second") {
    DeliveryFixture f;
    auto item = f.enqueue(kind::create_conversation, create_payload(true));
    // The channel is made, then adding a member fails: the attempt ends before it is done.
    f.fake.script(route::add_member, fakes::TeamsAnswer::error(503));
    CHECK(f.attempt(item, "").kind == Kind::retry);
    const std::string channel = f.incident_conversation();
    REQUIRE_FALSE(channel.empty());
    // The next attempt (after a crash, from the stored progress) goes on from there.
    REQUIRE(f.attempt(item, "").kind == Kind::delivered);
    CHECK(f.fake.calls(route::create_channel).size() == 1);
    CHECK(f.incident_conversation() == channel);
    // The announcement was queued once.
    int announcements = 0;
    for (const auto& p : f.pending())
        if (p.kind == "post" && p.conversation == kAnnounce) ++announcements;
    CHECK(announcements == 1);
}

TEST_CASE("a private incident gets a private channel owned by its declarer, invitees added") {
    DeliveryFixture f;
    auto item = f.enqueue(kind::create_conversation, create_payload(true));
    REQUIRE(f.attempt(item, "").kind == Kind::delivered);
    auto channel = f.fake.channel_named(kTeam, "inc-20261122-checkout-errors");
    REQUIRE(channel);
    CHECK(channel->is_private);
    CHECK(channel->owners == std::vector<std::string>{kAlice});
    CHECK(channel->members == std::vector<std::string>{kBob});
    auto body = f.fake.calls(route::create_channel).at(0).body;
    CHECK(body["membershipType"] == "private");
    CHECK(body["members"][0]["roles"][0] == "owner");
}

TEST_CASE("thread mode starts a thread in the announce channel") {
    DeliveryFixture f(true);
    auto item = f.enqueue(kind::create_conversation, create_payload());
    REQUIRE(f.attempt(item, "").kind == Kind::delivered);
    CHECK(f.fake.calls(route::create_channel).empty());
    auto call = f.fake.calls(route::create_conversation).at(0);
    CHECK(call.body["isGroup"] == true);
    CHECK(call.body["channelData"]["channel"]["id"] == kAnnounce);
    std::string conversation = f.incident_conversation();
    CHECK(conversation.starts_with(std::string(kAnnounce) + ";messageid="));
    auto root = f.fake.activities(kAnnounce);
    REQUIRE(root.size() == 1);
    CHECK(DeliveryFixture::card_text(root[0].activity).find("inc-20261122-checkout-errors") !=
          std::string::npos);
    // A retry after a crash does not start a second thread.
    REQUIRE(f.attempt(item, "").kind == Kind::delivered);
    CHECK(f.fake.calls(route::create_conversation).size() == 1);
    // set_topic and invite have nothing to do in a thread.
    auto topic = f.enqueue(kind::set_topic, {{"topic", "new"}});
    CHECK(f.attempt(topic, conversation).kind == Kind::delivered);
    auto invite = f.enqueue(kind::invite, {{"user", kBob}});
    CHECK(f.attempt(invite, conversation).kind == Kind::delivered);
    CHECK(f.fake.calls(route::patch_channel).empty());
    CHECK(f.fake.calls(route::add_member).empty());
}

TEST_CASE("post sends the message card to the conversation") {
    DeliveryFixture f;
    auto item = f.enqueue(kind::post, message_json("Status: *mitigating*"));
    REQUIRE(f.attempt(item, "19:chan@thread.tacv2").kind == Kind::delivered);
    auto posted = f.fake.activities("19:chan@thread.tacv2");
    REQUIRE(posted.size() == 1);
    CHECK(posted[0].activity["type"] == "message");
    CHECK(posted[0].activity["attachments"][0]["contentType"] ==
          "application/vnd.microsoft.card.adaptive");
    CHECK(DeliveryFixture::card_text(posted[0].activity).find("mitigating") != std::string::npos);
}

TEST_CASE("the summary is posted once, remembered, and later edited in place") {
    DeliveryFixture f;
    const std::string channel = "19:chan@thread.tacv2";
    auto item = f.enqueue(kind::post_summary, message_json("Summary v1"));
    REQUIRE(f.attempt(item, channel).kind == Kind::delivered);
    auto ref = f.ref(app::kSummaryRef);
    REQUIRE(ref);
    CHECK(ref->conversation == channel);
    // The same item again (a crash before it was marked delivered) posts nothing more.
    REQUIRE(f.attempt(item, channel).kind == Kind::delivered);
    CHECK(f.fake.activities(channel).size() == 1);

    auto update = f.enqueue(kind::update_summary, message_json("Summary v2"));
    REQUIRE(f.attempt(update, channel).kind == Kind::delivered);
    auto edited = f.fake.activity(ref->ref);
    REQUIRE(edited);
    CHECK(edited->edits == 1);
    CHECK(DeliveryFixture::card_text(edited->activity).find("Summary v2") != std::string::npos);
    auto put = f.fake.calls(route::update).at(0);
    CHECK(put.method == "PUT");
}

TEST_CASE("the checklist is remembered apart from the summary and edited in place") {
    DeliveryFixture f;
    const std::string channel = "19:chan@thread.tacv2";
    REQUIRE(f.attempt(f.enqueue(kind::post_summary, message_json("Summary")), channel).kind ==
            Kind::delivered);
    REQUIRE(f.attempt(f.enqueue(kind::post_checklist, message_json("[ ] one")), channel).kind ==
            Kind::delivered);
    auto summary = f.ref(app::kSummaryRef);
    auto checklist = f.ref(app::kChecklistRef);
    REQUIRE(summary);
    REQUIRE(checklist);
    CHECK(summary->ref != checklist->ref);
    REQUIRE(f.attempt(f.enqueue(kind::update_checklist, message_json("[x] one")), channel).kind ==
            Kind::delivered);
    CHECK(f.fake.activity(checklist->ref)->edits == 1);
    CHECK(f.fake.activity(summary->ref)->edits == 0);
}

TEST_CASE("an update with no summary posted yet is delivered without a call") {
    DeliveryFixture f;
    auto update = f.enqueue(kind::update_summary, message_json("Summary v2"));
    CHECK(f.attempt(update, "19:chan@thread.tacv2").kind == Kind::delivered);
    CHECK(f.fake.calls(route::update).empty());
}

TEST_CASE("429, 412 and 5xx on a post are retries with Retry-After; 403 fails") {
    DeliveryFixture f;
    auto item = f.enqueue(kind::post, message_json("hello"));
    f.fake.script(route::send, fakes::TeamsAnswer::rate_limited(4));
    auto outcome = f.attempt(item, "19:chan@thread.tacv2");
    CHECK(outcome.kind == Kind::retry);
    CHECK(outcome.retry_after == core::Duration(4));
    f.fake.script(route::send, fakes::TeamsAnswer::error(412));
    CHECK(f.attempt(item, "19:chan@thread.tacv2").kind == Kind::retry);
    f.fake.script(route::send, fakes::TeamsAnswer::error(504));
    CHECK(f.attempt(item, "19:chan@thread.tacv2").kind == Kind::retry);
    f.fake.script(route::send, fakes::TeamsAnswer::error(403));
    auto failed = f.attempt(item, "19:chan@thread.tacv2");
    CHECK(failed.kind == Kind::failed);
    CHECK(failed.error.find("HTTP 403") != std::string::npos);
    CHECK(f.fake.activities("19:chan@thread.tacv2").empty());
}

TEST_CASE("a message Teams refuses with 413 is split and every part posted once") {
    DeliveryFixture f;
    f.fake.set_size_limit(4000);
    std::string text;
    for (int i = 0; i < 60; ++i)
        text += "Line " + std::to_string(i) + ": " + std::string(90, 'z') + "\n";
    auto item = f.enqueue(kind::post, message_json(text));
    auto outcome = f.attempt(item, "19:chan@thread.tacv2");
    INFO(outcome.error);
    REQUIRE(outcome.kind == Kind::delivered);
    auto posted = f.fake.activities("19:chan@thread.tacv2");
    REQUIRE(posted.size() > 1);
    std::string joined;
    for (const auto& p : posted) joined += DeliveryFixture::card_text(p.activity);
    for (int i = 0; i < 60; ++i)
        CHECK(joined.find("Line " + std::to_string(i) + ":") != std::string::npos);
    // A retry after a crash posts none of them again.
    REQUIRE(f.attempt(item, "19:chan@thread.tacv2").kind == Kind::delivered);
    CHECK(f.fake.activities("19:chan@thread.tacv2").size() == posted.size());
}

TEST_CASE("a post cut short resumes after the parts already posted") {
    std::string text;
    for (int i = 0; i < 60; ++i)
        text += "Row " + std::to_string(i) + " " + std::string(90, 'q') + "\n";
    // How many sends a whole delivery takes (413s included), and how many parts it posts.
    std::size_t sends = 0, parts = 0;
    {
        DeliveryFixture whole;
        whole.fake.set_size_limit(4000);
        REQUIRE(whole.attempt(whole.enqueue(kind::post, message_json(text)), "19:c").kind ==
                Kind::delivered);
        sends = whole.fake.calls(route::send).size();
        parts = whole.fake.activities("19:c").size();
    }
    REQUIRE(parts >= 2);
    DeliveryFixture f;
    f.fake.set_size_limit(4000);
    auto item = f.enqueue(kind::post, message_json(text));
    // The same sends again, except that the last part meets a 503.
    for (std::size_t i = 0; i + 1 < sends; ++i) f.fake.script(route::send, fakes::TeamsAnswer{});
    f.fake.script(route::send, fakes::TeamsAnswer::error(503));
    CHECK(f.attempt(item, "19:c").kind == Kind::retry);
    CHECK(f.fake.activities("19:c").size() == parts - 1);
    REQUIRE(f.attempt(item, "19:c").kind == Kind::delivered);
    auto posted = f.fake.activities("19:c");
    CHECK(posted.size() == parts);
    std::string joined;
    for (const auto& p : posted) joined += DeliveryFixture::card_text(p.activity);
    for (int i = 0; i < 60; ++i) {
        std::string row = "Row " + std::to_string(i) + " ";
        auto at = joined.find(row);
        CHECK(at != std::string::npos);
        CHECK(joined.find(row, at + 1) == std::string::npos);  // no part posted twice
    }
}

TEST_CASE("set_topic patches the channel's description") {
    DeliveryFixture f;
    f.fake.add_channel({kTeam, "19:chan@thread.tacv2", "inc-x", "old", false, {}, {}});
    auto item = f.enqueue(kind::set_topic, {{"topic", "SEV1 | mitigating"}});
    REQUIRE(f.attempt(item, "19:chan@thread.tacv2").kind == Kind::delivered);
    CHECK(f.fake.channel("19:chan@thread.tacv2")->description == "SEV1 | mitigating");
    CHECK(f.fake.calls(route::patch_channel).at(0).method == "PATCH");
}

TEST_CASE("invite adds to a private channel, and is done for a standard one or a member") {
    DeliveryFixture f;
    f.fake.add_channel({kTeam, "19:priv@thread.tacv2", "inc-p", "", true, {kAlice}, {}});
    f.fake.add_channel({kTeam, "19:std@thread.tacv2", "inc-s", "", false, {}, {}});
    auto item = f.enqueue(kind::invite, {{"user", kBob}});
    REQUIRE(f.attempt(item, "19:priv@thread.tacv2").kind == Kind::delivered);
    CHECK(f.fake.channel("19:priv@thread.tacv2")->members == std::vector<std::string>{kBob});
    // Again: already a member (409) is no failure.
    REQUIRE(f.attempt(item, "19:priv@thread.tacv2").kind == Kind::delivered);
    CHECK(f.fake.calls(route::add_member).size() == 2);
    REQUIRE(f.attempt(item, "19:std@thread.tacv2").kind == Kind::delivered);
    CHECK(f.fake.calls(route::add_member).size() == 2);
}

TEST_CASE("ephemeral goes to a 1:1 chat made with the person's Entra id, reused later") {
    DeliveryFixture f;
    auto item = f.enqueue(kind::ephemeral, {{"user", kBob}, {"message", message_json("Only you")}},
                          "19:chan@thread.tacv2");
    REQUIRE(f.attempt(item, "19:chan@thread.tacv2").kind == Kind::delivered);
    auto create = f.fake.calls(route::create_conversation).at(0);
    CHECK(create.body["isGroup"] == false);
    CHECK(create.body["members"][0]["id"] == kBob);
    CHECK(create.body["tenantId"] == "tenant-1");
    auto chats = f.fake.chats();
    REQUIRE(chats.size() == 1);
    const std::string chat = chats.begin()->first;
    CHECK(f.fake.activities(chat).size() == 1);
    CHECK(f.fake.activities("19:chan@thread.tacv2").empty());
    auto again = f.enqueue(kind::ephemeral, {{"user", kBob}, {"message", message_json("Again")}},
                           "19:chan@thread.tacv2");
    REQUIRE(f.attempt(again, "19:chan@thread.tacv2").kind == Kind::delivered);
    CHECK(f.fake.calls(route::create_conversation).size() == 1);
    CHECK(f.fake.activities(chat).size() == 2);
}

TEST_CASE("when Teams refuses the 1:1 chat, the reply goes in the conversation naming them") {
    DeliveryFixture f;
    f.directory.remember({kBob, "29:bob", "Bob Jones"});
    f.fake.refuse_chats(true);
    auto item = f.enqueue(kind::ephemeral, {{"user", kBob}, {"message", message_json("Only you")}},
                          "19:chan@thread.tacv2");
    REQUIRE(f.attempt(item, "19:chan@thread.tacv2").kind == Kind::delivered);
    auto posted = f.fake.activities("19:chan@thread.tacv2");
    REQUIRE(posted.size() == 1);
    std::string dump = posted[0].activity.dump();
    CHECK(dump.find("<at>Bob Jones</at>") != std::string::npos);
    CHECK(dump.find(kBob) != std::string::npos);  // the mention entity names them
    CHECK(DeliveryFixture::card_text(posted[0].activity).find("Only you") != std::string::npos);
}

TEST_CASE("a 1:1 chat that is down is a retry, not a fallback") {
    DeliveryFixture f;
    f.fake.script(route::create_conversation, fakes::TeamsAnswer::error(502));
    auto item = f.enqueue(kind::ephemeral, {{"user", kBob}, {"message", message_json("x")}},
                          "19:chan@thread.tacv2");
    CHECK(f.attempt(item, "19:chan@thread.tacv2").kind == Kind::retry);
    CHECK(f.fake.activities("19:chan@thread.tacv2").empty());
}

TEST_CASE("open_form posts the form card to the token's conversation") {
    DeliveryFixture f;
    chat::Form form;
    form.id = "declare";
    form.title = "Declare an incident";
    form.submit_label = "Declare";
    chat::FormField title;
    title.id = "title";
    title.label = "Title";
    title.kind = chat::FieldKind::text;
    form.fields.push_back(title);
    const std::string token = "19:chan@thread.tacv2;messageid=42";
    auto item = f.enqueue(kind::open_form,
                          {{"token", token}, {"form", json::parse(chat::serialize(form))}});
    REQUIRE(f.attempt(item, "").kind == Kind::delivered);
    auto posted = f.fake.activities(token);
    REQUIRE(posted.size() == 1);
    CHECK(posted[0].conversation == token);
    CHECK(posted[0].activity.dump().find("field.title") != std::string::npos);
}

TEST_CASE("post_document posts its message and the whole Markdown text in parts") {
    DeliveryFixture f;
    f.fake.set_size_limit(6000);
    std::string text = "# Postmortem: Checkout errors\n\n";
    for (int i = 0; i < 120; ++i) text += "- event " + std::to_string(i) + " happened\n";
    json payload{{"title", "Postmortem draft"},
                 {"filename", "inc-x.md"},
                 {"text", text},
                 {"message", message_json("*Postmortem draft* for inc-x")}};
    auto item = f.enqueue(kind::post_document, payload);
    auto outcome = f.attempt(item, "19:chan@thread.tacv2");
    INFO(outcome.error);
    REQUIRE(outcome.kind == Kind::delivered);
    auto posted = f.fake.activities("19:chan@thread.tacv2");
    REQUIRE(posted.size() >= 2);
    CHECK(DeliveryFixture::card_text(posted[0].activity).find("Postmortem draft") !=
          std::string::npos);
    std::string joined;
    for (const auto& p : posted) joined += DeliveryFixture::card_text(p.activity);
    CHECK(joined.find("event 0 happened") != std::string::npos);
    CHECK(joined.find("event 119 happened") != std::string::npos);
}

TEST_CASE("capture_message reads the message through Graph into the timeline") {
    DeliveryFixture f;
    f.fake.add_message(
        "19:chan@thread.tacv2", "100",
        {{"id", "105"},
         {"createdDateTime", "2026-11-22T09:58:30.120Z"},
         {"from", {{"user", {{"id", kBob}, {"displayName", "Bob"}}}}},
         {"body", {{"contentType", "html"}, {"content", "<p>DB failover &amp; restart</p>"}}}});
    store::OutboxItem item =
        f.enqueue(kind::capture_message, {{"message_id", "105"}, {"captured_by", kAlice}},
                  "19:chan@thread.tacv2;messageid=100");
    auto outcome = f.attempt(item, "19:chan@thread.tacv2;messageid=100");
    INFO(outcome.error);
    REQUIRE(outcome.kind == Kind::delivered);
    auto call = f.fake.calls(route::get_message).at(0);
    CHECK(call.path.ends_with("/messages/100/replies/105"));
    auto tx = f.store.begin();
    auto timeline = tx.timeline(f.incident_id);
    tx.commit();
    bool found = false;
    for (const auto& e : timeline)
        if (e.text.find("DB failover & restart") != std::string::npos) {
            found = true;
            CHECK(e.at == t0() - std::chrono::seconds(90));
        }
    CHECK(found);
}

TEST_CASE("an unknown kind fails, and a post with no conversation says why") {
    DeliveryFixture f;
    CHECK(f.attempt(f.enqueue("frobnicate", json::object()), "19:c").kind == Kind::failed);
    auto outcome = f.attempt(f.enqueue(kind::post, message_json("x")), "");
    CHECK(outcome.kind == Kind::failed);
    CHECK(outcome.error.find("no Teams conversation") != std::string::npos);
}

TEST_CASE("pacing is Teams' per-conversation limits") {
    DeliveryFixture f;
    auto pacing = f.deliverer.pacing();
    REQUIRE(pacing.rules.size() == 3);
    CHECK(pacing.rules[0].count == 7);
    CHECK(pacing.rules[0].window == std::chrono::seconds(1));
    CHECK(pacing.rules[1].count == 8);
    CHECK(pacing.rules[2].count == 60);
    CHECK(pacing.rules[2].window == std::chrono::seconds(30));
    CHECK(f.deliverer.platform() == "teams");
}
