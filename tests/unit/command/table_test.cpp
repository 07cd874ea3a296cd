#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "firebreak/command/text.hpp"
#include "parse_helpers.hpp"

using namespace firebreak;
using namespace firebreak::command;
using namespace firebreak::command::testing;

TEST_CASE("every command in the table is understood by the parser") {
    for (const CommandSpec& spec : command_table()) {
        INFO(spec.name);
        const ParseResult result = parse(spec.name, kCtx);
        if (const auto* error = std::get_if<UsageError>(&result)) {
            CHECK(error->command == spec.name);
            CHECK(error->usage == spec.usage);
        }
    }
}

TEST_CASE("the table lists each command once, lowercase, with usage and summary") {
    std::set<std::string_view> names;
    for (const CommandSpec& spec : command_table()) {
        CHECK(names.insert(spec.name).second);
        CHECK(to_lower(spec.name) == spec.name);
        CHECK(spec.usage.starts_with("/incident " + std::string(spec.name)));
        CHECK_FALSE(spec.summary.empty());
    }
    CHECK(names.size() == 44);
    CHECK(command_table().front().name == "declare");
}

TEST_CASE("only declare, list, stats, help and join work outside an incident") {
    for (const CommandSpec& spec : command_table()) {
        INFO(spec.name);
        const bool global = spec.name == "declare" || spec.name == "list" || spec.name == "help" ||
                            spec.name == "stats" || spec.name == "join";
        CHECK(spec.needs_incident == !global);
    }
}

TEST_CASE("help lists every command on its own line") {
    const std::string help = help_text();
    CHECK(static_cast<std::size_t>(std::count(help.begin(), help.end(), '\n')) ==
          command_table().size() - 1);
    for (const CommandSpec& spec : command_table()) CHECK(mentions(help, spec.usage));
}

TEST_CASE("usage lines name people as @user, never as Slack mention markup") {
    // Slack reads `<@…>` as a mention and the console renders it away.
    for (const CommandSpec& spec : command_table()) {
        INFO(spec.name);
        CHECK_FALSE(mentions(std::string(spec.usage), "<@"));
    }
    CHECK(find_command("ic")->usage == "/incident ic @user|me");
    CHECK(mentions(std::string(find_command("action")->usage), "owner:@user|me"));
    CHECK_FALSE(mentions(help_text(), "<@"));
}

TEST_CASE("help promises only what mitigated and resolve do") {
    CHECK(find_command("mitigated")->summary ==
          "impact reduced; stamps the mitigated time and starts the watch period");
    CHECK(find_command("resolve")->summary ==
          "confirm the resolution criteria and resolve (--force skips them); the IC is reminded "
          "to hold the review");
    CHECK(mentions(help_text(), "watch period"));  // notyet restarts it
    CHECK_FALSE(mentions(help_text(), "schedules the review"));
}

TEST_CASE("an unknown command suggests a close one") {
    const auto e = refused("delcare db down");
    CHECK(e.command.empty());
    CHECK(e.message == "unknown command 'delcare'; did you mean 'declare'?");
    CHECK(mentions(e.usage, "/incident help"));
    CHECK(mentions(refused("RESOLVED").message, "did you mean 'resolve'?"));
    CHECK(mentions(refused("stauts monitoring").message, "did you mean 'status'?"));
}

TEST_CASE("an unknown command far from every command gets no suggestion") {
    const auto e = refused("banana");
    CHECK(e.message == "unknown command 'banana'");
    CHECK_FALSE(suggest_command("x"));
    CHECK_FALSE(suggest_command(std::string(1000, 'a')));
}

TEST_CASE("an unknown command is quoted back short and without control characters") {
    const auto e = refused(std::string(100, 'z') + "\x01");
    CHECK(e.message.size() < 80);
    const auto ctl = refused("bad\x07word");
    CHECK(ctl.message == "unknown command 'bad?word'");
}

TEST_CASE("render shows the message and then the usage") {
    const UsageError e{"sev", "name one severity, such as sev2", "/incident sev <sev1..sev4>"};
    CHECK(render(e) == "name one severity, such as sev2\nUsage: /incident sev <sev1..sev4>");
}
