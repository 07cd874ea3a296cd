#include "firebreak/teams/cards.hpp"

namespace firebreak::teams {

std::size_t teams_size(const nlohmann::json& activity) {
    // Teams counts UTF-16 code units: one per UTF-8 lead byte, two for a 4-byte sequence.
    // `replace` is how an ill-formed byte would be sent (as U+FFFD: one unit).
    std::string text = activity.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::size_t units = 0;
    for (unsigned char c : text) {
        if ((c & 0xC0) == 0x80) continue;
        units += c >= 0xF0 ? 2 : 1;
    }
    return units;
}

}  // namespace firebreak::teams
