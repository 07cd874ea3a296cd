#include "fakes/url_encoding.hpp"

#include <algorithm>

namespace firebreak::fakes {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string url_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (plus_is_space && text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
                   hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

nlohmann::json form_fields(std::string_view body) {
    nlohmann::json fields = nlohmann::json::object();
    while (!body.empty()) {
        const std::size_t amp = std::min(body.find('&'), body.size());
        const std::string_view pair = body.substr(0, amp);
        body.remove_prefix(std::min(amp + 1, body.size()));
        if (pair.empty()) continue;
        const std::size_t eq = std::min(pair.find('='), pair.size());
        fields[url_decode(pair.substr(0, eq), true)] =
            url_decode(eq < pair.size() ? pair.substr(eq + 1) : std::string_view{}, true);
    }
    return fields;
}

}  // namespace firebreak::fakes
