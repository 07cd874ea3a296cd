#include <catch2/catch.hpp>

#include "parse_helpers.hpp"

using namespace firebreak;
using namespace firebreak::command;
using namespace firebreak::command::testing;
using namespace std::chrono_literals;

TEST_CASE("sev sets the severity, lowercase") {
    CHECK(parsed_as<core::cmd::SetSeverity>("sev sev1").severity == "sev1");
    CHECK(parsed_as<core::cmd::SetSeverity>("SEV Sev3").severity == "sev3");
}

TEST_CASE("sev refuses anything but one sevN") {
    CHECK(refused("sev").command == "sev");
    CHECK(mentions(refused("sev 1").message, "not a severity"));
    CHECK(refused("sev high").command == "sev");
    CHECK(refused("sev sev1 sev2").command == "sev");
    CHECK(refused("sev sev").command == "sev");
}

TEST_CASE("status moves between the live statuses, in any case") {
    CHECK(parsed_as<core::cmd::SetStatus>("status investigating").status ==
          core::Status::investigating);
    CHECK(parsed_as<core::cmd::SetStatus>("status Mitigating").status == core::Status::mitigating);
    CHECK(parsed_as<core::cmd::SetStatus>("STATUS MONITORING").status == core::Status::monitoring);
}

TEST_CASE("status refuses final statuses and points to their commands") {
    CHECK(mentions(refused("status resolved").message, "/incident resolve"));
    CHECK(mentions(refused("status canceled").message, "/incident cancel"));
    CHECK(mentions(refused("status cancelled").message, "/incident cancel"));
    CHECK(mentions(refused("status closed").message, "review"));
    CHECK(mentions(refused("status mitigated").message, "/incident mitigated"));
}

TEST_CASE("status refuses an unknown or missing status") {
    CHECK(mentions(refused("status fixed").message, "not a status"));
    CHECK(refused("status").command == "status");
    CHECK(refused("status investigating now").command == "status");
}

TEST_CASE("update, note and decision take the rest as text, keeping case and spacing") {
    CHECK(parsed_as<core::cmd::PostUpdate>("update  Rolled back v2.3;  errors falling ").text ==
          "Rolled back v2.3;  errors falling");
    CHECK(parsed_as<core::cmd::Note>("NOTE saw spike at 20:40\nin eu-west").text ==
          "saw spike at 20:40\nin eu-west");
    CHECK(parsed_as<core::cmd::ProposeDecision>("decision Fail over to DR").text ==
          "Fail over to DR");
}

TEST_CASE("update, note and decision without text are refused") {
    CHECK(mentions(refused("update").message, "nochange"));
    CHECK(refused("note   ").command == "note");
    CHECK(refused("decision").command == "decision");
}

TEST_CASE("free text longer than 3000 characters is refused, counted in characters") {
    CHECK(mentions(refused("update " + std::string(3001, 'a')).message, "3000"));
    parsed_as<core::cmd::Note>("note " + std::string(3000, 'a'));
    std::string accents;
    for (int i = 0; i < 3000; ++i) accents += "é";  // 6000 bytes, 3000 characters
    parsed_as<core::cmd::Note>("note " + accents);
    CHECK(refused("decision " + accents + "é").command == "decision");
}

TEST_CASE("commands without arguments refuse extra words") {
    parsed_as<core::cmd::NoChange>("nochange");
    parsed_as<core::cmd::ShowTimeline>("timeline");
    parsed_as<core::cmd::ShowSummary>("Summary");
    parsed_as<core::cmd::ShowPostmortem>("postmortem");
    parsed_as<core::cmd::ListIncidents>("list");
    parsed_as<core::cmd::ShowHelp>("HELP");
    for (const char* text :
         {"nochange still bad", "summary x", "postmortem now", "list open", "help declare"}) {
        const auto e = refused(text);
        CHECK(mentions(e.message, "takes nothing"));
    }
}

TEST_CASE("ack takes a positive decision number, with or without #") {
    CHECK(parsed_as<core::cmd::AcknowledgeDecision>("ack 3").number == 3);
    CHECK(parsed_as<core::cmd::AcknowledgeDecision>("ACK #12").number == 12);
}

TEST_CASE("ack refuses anything but one positive number") {
    for (const char* text : {"ack", "ack 0", "ack -1", "ack +1", "ack #", "ack 3x", "ack three",
                             "ack 1 2", "ack 99999999999999999999", "ack ##1"}) {
        INFO(text);
        CHECK(refused(text).command == "ack");
    }
}

TEST_CASE("mitigated, resolve, reopen and cancel take optional text") {
    CHECK(parsed_as<core::cmd::Mitigated>("mitigated").text.empty());
    CHECK(parsed_as<core::cmd::Mitigated>("mitigated traffic drained").text == "traffic drained");
    CHECK(parsed_as<core::cmd::Resolve>("resolve").text.empty());
    CHECK(parsed_as<core::cmd::Resolve>("Resolve fix deployed").text == "fix deployed");
    CHECK(parsed_as<core::cmd::Reopen>("reopen").reason.empty());
    CHECK(parsed_as<core::cmd::Reopen>("reopen errors are back").reason == "errors are back");
    CHECK(parsed_as<core::cmd::Cancel>("cancel").reason.empty());
    CHECK(parsed_as<core::cmd::Cancel>("cancel false alarm").reason == "false alarm");
}

TEST_CASE("optional text longer than chat can show is refused") {
    CHECK(refused("resolve " + std::string(3001, 'r')).command == "resolve");
}

TEST_CASE("snooze takes an optional duration") {
    CHECK_FALSE(parsed_as<core::cmd::Snooze>("snooze").by);
    CHECK(parsed_as<core::cmd::Snooze>("snooze 15m").by == core::Duration{15min});
    CHECK(parsed_as<core::cmd::Snooze>("snooze 2H").by == core::Duration{2h});
}

TEST_CASE("snooze refuses a bad duration or extra words") {
    CHECK(mentions(refused("snooze soon").message, "not a duration"));
    CHECK(refused("snooze 0m").command == "snooze");
    CHECK(refused("snooze 15m please").command == "snooze");
}

TEST_CASE("close takes nothing after it") {
    parsed_as<core::cmd::Close>("close");
    parsed_as<core::cmd::Close>("Close");
    CHECK(refused("close now").command == "close");
}
