#include "firebreak/chat/untrusted_json.hpp"

namespace firebreak::chat {

bool nests_deeper_than(std::string_view text, int max_depth) {
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) return true;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;  // an unmatched closer is the parser's to refuse
        }
    }
    return false;
}

std::optional<nlohmann::json> parse_untrusted_json(std::string_view text, int max_depth) {
    if (nests_deeper_than(text, max_depth)) return std::nullopt;
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    return j;
}

}  // namespace firebreak::chat
