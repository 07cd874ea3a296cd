#include "firebreak/log/log_format.hpp"

#include <spdlog/details/log_msg.h>
#include <spdlog/formatter.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "firebreak/log/fields.hpp"

namespace firebreak::log {
namespace {

constexpr const char* kTextPattern = "%Y-%m-%dT%H:%M:%S%z %^%l%$ %v";

std::string utc_millis(spdlog::log_clock::time_point at) {
    const auto since_epoch = at.time_since_epoch();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds).count();
    const std::time_t t = static_cast<std::time_t>(seconds.count());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[96];  // room for any int the compiler can imagine in each field
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(millis));
    return buffer;
}

class JsonFormatter final : public spdlog::formatter {
  public:
    void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
        nlohmann::ordered_json line;
        line["time"] = utc_millis(msg.time);
        const auto level = spdlog::level::to_string_view(msg.level);
        line["level"] = std::string(level.data(), level.size());
        line["message"] = std::string(msg.payload.data(), msg.payload.size());
        if (const Fields* fields = current_fields()) {
            if (!fields->request_id.empty()) line["request_id"] = std::string(fields->request_id);
            if (!fields->platform.empty()) line["platform"] = std::string(fields->platform);
            if (fields->incident) line["incident"] = *fields->incident;
            if (fields->outbox_item) line["outbox_item"] = *fields->outbox_item;
            if (fields->duration_ms) line["duration_ms"] = *fields->duration_ms;
        }
        const std::string text =
            line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        dest.append(text.data(), text.data() + text.size());
        dest.push_back('\n');
    }

    std::unique_ptr<spdlog::formatter> clone() const override {
        return std::make_unique<JsonFormatter>();
    }
};

}  // namespace

std::unique_ptr<spdlog::formatter> make_json_formatter() {
    return std::make_unique<JsonFormatter>();
}

void configure_logging(std::string_view format, std::string_view level) {
    const auto parsed = spdlog::level::from_str(std::string(level));
    // from_str answers "off" for anything it does not know; only "off" itself may mean it.
    if (parsed == spdlog::level::off && level != "off")
        throw std::invalid_argument("unknown log level '" + std::string(level) + "'");
    if (format == "json") {
        spdlog::set_formatter(make_json_formatter());
    } else if (format == "text") {
        spdlog::set_formatter(std::make_unique<spdlog::pattern_formatter>(kTextPattern));
    } else {
        throw std::invalid_argument("unknown log format '" + std::string(format) + "'");
    }
    spdlog::set_level(parsed);
}

}  // namespace firebreak::log
