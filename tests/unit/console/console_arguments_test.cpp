// `firebreak console`'s command line, read by the helper every subcommand shares.
#include <catch2/catch.hpp>
#include <iostream>
#include <sstream>

#include "arguments.hpp"

using namespace firebreak::cli;

namespace {

/// Runs config_arguments() as `firebreak console` does, keeping what it prints.
struct Parsed {
    std::variant<Arguments, int> result;
    std::string out;
    std::string err;
};

Parsed parse_console(const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    std::streambuf* old_out = std::cout.rdbuf(out.rdbuf());
    std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
    auto result = config_arguments(args, "USAGE\n", {"--user"});
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    return {std::move(result), out.str(), err.str()};
}

}  // namespace

TEST_CASE("an extra argument is named as unexpected, not as a missing --config") {
    const Parsed p = parse_console({"--config", "f.yaml", "extra"});
    REQUIRE(std::holds_alternative<int>(p.result));
    CHECK(std::get<int>(p.result) == kExitUsage);
    CHECK(p.err == "error: unexpected argument 'extra'\n\nUSAGE\n");
}

TEST_CASE("console arguments take --config and the extra options asked for") {
    const Parsed p = parse_console({"--user", "alice", "--config=f.yaml"});
    REQUIRE(std::holds_alternative<Arguments>(p.result));
    const auto& a = std::get<Arguments>(p.result);
    CHECK(a.option("--config") == "f.yaml");
    CHECK(a.option("--user") == "alice");
    CHECK(p.err.empty());
}

TEST_CASE("console arguments refuse an unknown option, a missing --config, and show help") {
    const Parsed unknown = parse_console({"--config", "f.yaml", "--verbose", "x"});
    CHECK(std::get<int>(unknown.result) == kExitUsage);
    CHECK(unknown.err == "error: unknown option --verbose\n\nUSAGE\n");

    const Parsed missing = parse_console({"--user", "alice"});
    CHECK(std::get<int>(missing.result) == kExitUsage);
    CHECK(missing.err == "error: --config FILE is required\n\nUSAGE\n");

    const Parsed help = parse_console({"--help"});
    CHECK(std::get<int>(help.result) == kExitOk);
    CHECK(help.out == "USAGE\n");
}

TEST_CASE("subcommands that take only --config still get the path") {
    std::ostringstream err;
    std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
    const auto path = config_path_argument({"--config", "f.yaml"}, "USAGE\n");
    const auto refused = config_path_argument({"--config", "f.yaml", "--user", "x"}, "USAGE\n");
    std::cerr.rdbuf(old_err);
    CHECK(std::get<std::string>(path) == "f.yaml");
    CHECK(std::get<int>(refused) == kExitUsage);
    CHECK(err.str() == "error: unknown option --user\n\nUSAGE\n");
}
