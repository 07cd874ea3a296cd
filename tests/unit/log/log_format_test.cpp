#include "firebreak/log/log_format.hpp"

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "firebreak/log/fields.hpp"

using namespace firebreak;

namespace {

/// A logger writing JSON lines into a string.
struct JsonLog {
    std::ostringstream out;
    std::shared_ptr<spdlog::sinks::ostream_sink_st> sink =
        std::make_shared<spdlog::sinks::ostream_sink_st>(out);
    spdlog::logger logger{"test", sink};

    JsonLog() {
        logger.set_formatter(log::make_json_formatter());
        logger.set_level(spdlog::level::trace);
    }

    std::vector<nlohmann::json> lines() const {
        std::vector<nlohmann::json> parsed;
        std::istringstream in(out.str());
        for (std::string line; std::getline(in, line);)
            parsed.push_back(nlohmann::json::parse(line));
        return parsed;
    }
};

}  // namespace

TEST_CASE("a JSON log line has time, level and message") {
    JsonLog log;
    log.logger.warn("outbox item {} will be retried", 7);
    const auto lines = log.lines();
    REQUIRE(lines.size() == 1);
    CHECK(lines[0]["level"] == "warning");
    CHECK(lines[0]["message"] == "outbox item 7 will be retried");
    const std::string time = lines[0]["time"];
    CHECK(time.size() == 24);  // 2026-12-01T12:00:00.000Z
    CHECK(time.back() == 'Z');
    CHECK_FALSE(lines[0].contains("platform"));
}

TEST_CASE("a JSON log line carries the structured fields of its scope, and only inside it") {
    JsonLog log;
    {
        log::Fields request;
        request.request_id = "event:Ev1";
        request.platform = "slack";
        request.incident = 42;
        const log::Scope scope(request);
        {
            log::Fields delivery;
            delivery.platform = "slack";
            delivery.outbox_item = 9;
            delivery.duration_ms = 12.5;
            const log::Scope inner(delivery);
            log.logger.info("delivered");
        }
        log.logger.info("handled");
    }
    log.logger.info("outside");
    const auto lines = log.lines();
    REQUIRE(lines.size() == 3);
    CHECK(lines[0]["outbox_item"] == 9);
    CHECK(lines[0]["duration_ms"] == 12.5);
    CHECK_FALSE(lines[0].contains("request_id"));
    CHECK(lines[1]["request_id"] == "event:Ev1");
    CHECK(lines[1]["platform"] == "slack");
    CHECK(lines[1]["incident"] == 42);
    CHECK_FALSE(lines[1].contains("outbox_item"));
    CHECK_FALSE(lines[2].contains("platform"));
}

TEST_CASE("a message with quotes, newlines and invalid UTF-8 is still one valid JSON line") {
    JsonLog log;
    log.logger.error("bad \"body\"\nsecond line \xff\xfe end");
    const std::string text = log.out.str();
    CHECK(std::count(text.begin(), text.end(), '\n') == 1);
    const auto lines = log.lines();
    REQUIRE(lines.size() == 1);
    const std::string message = lines[0]["message"];
    CHECK(message.find("bad \"body\"\nsecond line") == 0);
    CHECK(message.find(" end") != std::string::npos);
}

TEST_CASE("configure_logging refuses an unknown format or level") {
    CHECK_THROWS_AS(log::configure_logging("xml", "info"), std::invalid_argument);
    CHECK_THROWS_AS(log::configure_logging("json", "loud"), std::invalid_argument);
    CHECK_NOTHROW(log::configure_logging("text", "info"));
}
