#pragma once
// JSON that comes from outside the process — request bodies, a Web API's answers, outbox
// payloads read back — parsed with its nesting bounded. Every such parse goes through here.

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace firebreak::chat {

/// How deep a document from outside may nest. Slack's deepest (a view's state values) is
/// under ten levels.
inline constexpr int kMaxJsonDepth = 64;

/// True if `text` opens more than `max_depth` arrays or objects inside one another. A
/// linear scan that skips strings and their escapes; it checks nothing else, so malformed
/// text may still answer false.
bool nests_deeper_than(std::string_view text, int max_depth = kMaxJsonDepth);

/// `text` as a JSON document, or nullopt if it is not one or nests deeper than
/// `max_depth` (nests_deeper_than() tells which). Never throws. nlohmann's parser does not
/// recurse, but copying, comparing and dumping a document do, so a deeper document is
/// never built: 400,000 levels would overflow the stack.
std::optional<nlohmann::json> parse_untrusted_json(std::string_view text,
                                                   int max_depth = kMaxJsonDepth);

}  // namespace firebreak::chat
