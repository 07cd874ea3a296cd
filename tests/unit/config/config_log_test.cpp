#include <catch2/catch.hpp>

#include "config_test_support.hpp"

using namespace firebreak::config;
using namespace firebreak::config::test;
using Catch::Matchers::Contains;

TEST_CASE("log defaults to text lines at info") {
    auto result = load("server:\n  listen: \"127.0.0.1:0\"\n");
    INFO(describe_errors(result));
    REQUIRE(result.config);
    CHECK(result.config->log.format == "text");
    CHECK(result.config->log.level == "info");
}

TEST_CASE("log.format json and log.level debug are read") {
    auto result = load("log:\n  format: json\n  level: debug\n");
    INFO(describe_errors(result));
    REQUIRE(result.config);
    CHECK(result.config->log.format == "json");
    CHECK(result.config->log.level == "debug");
}

TEST_CASE("an unknown log format is reported at its line and nothing is loaded") {
    ConfigError e = single_error(load("log:\n  format: xml\n"));
    CHECK(e.line == 2);
    CHECK(e.key_path == "log.format");
    CHECK_THAT(e.message, Contains("json"));
}
