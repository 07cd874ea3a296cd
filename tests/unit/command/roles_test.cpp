#include <catch2/catch.hpp>

#include "parse_helpers.hpp"

using namespace firebreak;
using namespace firebreak::command;
using namespace firebreak::command::testing;

TEST_CASE("ic, tl and comms assign their role") {
    CHECK(parsed_as<core::cmd::AssignRole>("ic @alice").role == core::Role::ic);
    CHECK(parsed_as<core::cmd::AssignRole>("tl @alice").role == core::Role::tl);
    CHECK(parsed_as<core::cmd::AssignRole>("comms @alice").role == core::Role::comms);
}

TEST_CASE("a role can be given by Slack mention, console @name or me") {
    CHECK(parsed_as<core::cmd::AssignRole>("ic <@U024BE7LH>").user == "U024BE7LH");
    CHECK(parsed_as<core::cmd::AssignRole>("ic <@U024BE7LH|jane>").user == "U024BE7LH");
    CHECK(parsed_as<core::cmd::AssignRole>("ic <@U024BE7LH|Jane Doe>").user == "U024BE7LH");
    CHECK(parsed_as<core::cmd::AssignRole>("tl @alice").user == "alice");
    CHECK(parsed_as<core::cmd::AssignRole>("comms me").user == "U_ME");
    CHECK(parsed_as<core::cmd::AssignRole>("comms ME").user == "U_ME");
}

TEST_CASE("role command words are case-insensitive") {
    CHECK(parsed_as<core::cmd::AssignRole>("IC @bob").role == core::Role::ic);
    CHECK(parsed_as<core::cmd::AssignRole>("Comms @bob").role == core::Role::comms);
}

TEST_CASE("a bare name without @ is refused, so a typo never assigns a stranger") {
    const auto e = refused("ic alice");
    CHECK(e.command == "ic");
    CHECK(mentions(e.message, "@name or me"));
    CHECK(e.usage == "/incident ic @user|me");
}

TEST_CASE("a role command needs exactly one well-formed person") {
    CHECK(mentions(refused("tl").message, "@name or me"));
    CHECK(refused("tl @alice @bob").command == "tl");
    CHECK(refused("tl @").command == "tl");
    CHECK(refused("tl <@>").command == "tl");
    CHECK(refused("tl <@U1").command == "tl");
    CHECK(refused("tl <@U1|x>>").command == "tl");
}

TEST_CASE("on a chat platform only a real mention names a person, never a plain @word") {
    // In Slack `@nobody` stays plain text when nobody is picked from the @ list: accepting
    // it would make a phantom IC that nobody can resolve as, or take the role back from.
    const ParseContext chat{"U_ME", false};
    for (const char* text : {"ic @nobody", "action Fix it owner:@nobody due:2026-12-01",
                             "handover tl @nobody all quiet", "reassign 1 @nobody"}) {
        const ParseResult result = parse(text, chat);
        REQUIRE(std::holds_alternative<UsageError>(result));
        CHECK(mentions(std::get<UsageError>(result).message, "mention"));
    }
    const ParseResult real = parse("ic <@U2|bob>", chat);
    REQUIRE(std::holds_alternative<core::Command>(real));
    CHECK(std::get<core::cmd::AssignRole>(std::get<core::Command>(real)).user == "U2");
    CHECK(std::holds_alternative<core::Command>(parse("ic me", chat)));
    // The console's people are names: there `@alice` is alice.
    CHECK(std::holds_alternative<core::Command>(parse("ic @alice", ParseContext{"bob", true})));
}

TEST_CASE("me is refused when the caller is unknown") {
    const ParseResult result = parse("ic me", ParseContext{""});
    CHECK(std::holds_alternative<UsageError>(result));
}

TEST_CASE("handover takes a role, a person and a current-state summary") {
    const auto h =
        parsed_as<core::cmd::Handover>("handover IC <@U42|bob> DB failover done;  watching p99");
    CHECK(h.role == core::Role::ic);
    CHECK(h.to == "U42");
    CHECK(h.summary == "DB failover done;  watching p99");
    CHECK(parsed_as<core::cmd::Handover>("handover comms me all quiet").to == "U_ME");
    CHECK(parsed_as<core::cmd::Handover>("handover tl @carol rollback running").to == "carol");
}

TEST_CASE("handover without a summary is refused with the reason") {
    const auto e = refused("handover ic @bob");
    CHECK(e.command == "handover");
    CHECK(mentions(e.message, "summary"));
}

TEST_CASE("handover refuses a bad role or person") {
    CHECK(mentions(refused("handover boss @bob all fine").message, "not a role"));
    CHECK(mentions(refused("handover ic bob all fine").message, "@name or me"));
    CHECK(mentions(refused("handover").message, "role"));
    CHECK(mentions(refused("handover tl").message, "@name or me"));
}

TEST_CASE("a handover summary longer than chat can show is refused") {
    CHECK(mentions(refused("handover ic @bob " + std::string(3001, 's')).message, "3000"));
}
