#pragma once
// How log lines are written: text for people, JSON lines for Loki and ELK.

#include <memory>
#include <string_view>

namespace spdlog {
class formatter;
}

namespace firebreak::log {

/// One JSON object per line: "time" (UTC, ISO 8601 with milliseconds), "level", "message",
/// then this thread's Fields (request_id, platform, incident, outbox_item, duration_ms)
/// where set. Invalid UTF-8 in a message is replaced, never fails the line.
std::unique_ptr<spdlog::formatter> make_json_formatter();

/// Sets the default logger's format ("text" or "json") and level ("trace", "debug", "info",
/// "warn", "error", "off"). The text pattern is the one serve has always written.
/// Throws std::invalid_argument for another value (the config loader rejects them first).
void configure_logging(std::string_view format, std::string_view level);

}  // namespace firebreak::log
