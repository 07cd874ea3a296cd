// Who may publish, what may never be published, and that nothing internal reaches any
// public response.
#include <catch2/catch.hpp>

#include "status_fixture.hpp"

using namespace firebreak;
using namespace firebreak::status_testing;

namespace {

/// Every public response of the current page: each path the site serves, and each
/// incident page.
std::vector<std::pair<std::string, std::string>> every_document(StatusFixture& f) {
    std::vector<std::pair<std::string, std::string>> out;
    auto page = f.page();
    for (const auto& path : web::status_paths()) REQUIRE(page->documents.contains(path));
    for (const auto& [path, doc] : page->documents) out.emplace_back(path, doc.body);
    return out;
}

}  // namespace

TEST_CASE("only the Comms Lead, the IC or an admin may publish; others are told why") {
    StatusFixture f;
    std::string channel = f.declare("Checkout errors sev2");
    f.run("alice", channel, "ic me");
    f.run("alice", channel, "comms @carol");
    const std::string why =
        "Only the Comms Lead, the Incident Commander or an admin may publish to the status page.";
    CHECK_THAT(text_of(f.run("bob", channel, "publish We are looking into it.")),
               Catch::Contains(why));
    CHECK_THAT(text_of(f.run("bob", channel, "affects api=major")), Catch::Contains(why));
    CHECK_THAT(text_of(f.run("bob", channel, "publish --title Outage")), Catch::Contains(why));
    // A draft someone allowed made cannot be confirmed by someone who is not.
    app::Reply preview = f.run("carol", channel, "publish We are looking into it.");
    std::string n = std::to_string(StatusFixture::draft_of(preview));
    CHECK_THAT(text_of(f.run("bob", channel, "publish confirm " + n)), Catch::Contains(why));
    CHECK(f.json("/api/v2/incidents.json")["incidents"].empty());
    f.run("carol", channel, "publish confirm " + n);
    CHECK(f.json("/api/v2/incidents.json")["incidents"].size() == 1);
}

TEST_CASE("private incidents and drills are refused with the reason and appear nowhere") {
    StatusFixture f;
    std::string secret = f.declare("Payroll export leaked sev1 --private");
    std::string drill = f.declare("Game day failover sev2 --drill");
    CHECK_THAT(text_of(f.run("alice", secret, "publish We are investigating.")),
               Catch::Contains("private incidents are never published"));
    CHECK_THAT(text_of(f.run("alice", secret, "affects api=major")),
               Catch::Contains("private incidents are never published"));
    CHECK_THAT(text_of(f.run("alice", drill, "publish We are investigating.")),
               Catch::Contains("drills are never published"));
    // The summary card offers no publish button for them.
    for (const auto& channel : {secret, drill}) {
        app::Reply summary = f.run("alice", channel, "summary");
        for (const auto& b : summary.messages.at(0).buttons) CHECK(b.command != "publish");
    }

    // Even a face written behind the rules' back (a bug, a hand edit) stays off the page.
    {
        auto tx = f.store.begin();
        for (const auto& name : {secret, drill}) {
            core::PublicFace face;
            face.incident_id = tx.incident_by_name(name)->id;
            face.public_id = "x" + std::to_string(face.incident_id);
            face.status = core::PublicStatus::investigating;
            face.created_at = face.updated_at = f.clock.now();
            tx.save(face);
            core::PublicUpdate u{0,
                                 face.incident_id,
                                 core::PublicStatus::investigating,
                                 "Leaky text",
                                 "alice",
                                 f.clock.now(),
                                 std::nullopt};
            tx.insert(u);
        }
        tx.commit();
    }
    for (const auto& [path, body] : every_document(f)) {
        INFO(path);
        CHECK(body.find("Payroll") == std::string::npos);
        CHECK(body.find("Game day") == std::string::npos);
        CHECK(body.find("Leaky text") == std::string::npos);
    }
    CHECK(f.json("/api/v2/summary.json")["status"]["indicator"] == "none");
}

TEST_CASE("no public response names the channel, the people, the notes or the severity") {
    StatusFixture f;
    std::string channel = f.declare("Checkout errors sev1");
    f.run("alice", channel, "ic me");
    f.run("alice", channel, "tl @zed-the-tech-lead");
    f.run("alice", channel, "comms @carol-comms");
    f.run("alice", channel, "note rolled back deploy 4411 on db-7, ping mallory");
    f.run("alice", channel, "decision fail over to the standby --reversible");
    f.run("alice", channel, "update internal: db-7 is out of memory");
    f.run("alice", channel, "affects api=partial");
    f.publish("carol-comms", channel, "We are aware of errors when paying.");
    f.publish("carol-comms", channel, "identified");
    f.publish("carol-comms", channel, "resolved");
    f.declare("Second one sev2", "bystander-bob");

    std::string conversation;
    {
        auto tx = f.store.read();
        conversation = tx.incident_by_name(channel)->conversation;
    }
    const std::vector<std::string> internal{
        channel,       conversation, "alice", "bystander-bob", "zed-the-tech-lead",
        "carol-comms", "mallory",    "4411",  "db-7",          "standby",
        "internal:",   "SEV1",       "sev1",  "Critical",      "Second one"};
    for (const auto& [path, body] : every_document(f)) {
        for (const auto& word : internal) {
            INFO(path << " must not contain " << word);
            CHECK(body.find(word) == std::string::npos);
        }
    }
}
