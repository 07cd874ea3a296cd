#include "firebreak/slack/form.hpp"

namespace firebreak::slack {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<std::string> decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;  // "%" or "%4" at the end
            int high = hex_value(text[i + 1]);
            int low = hex_value(text[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

std::optional<FormFields> parse_form(std::string_view body) {
    FormFields fields;
    while (!body.empty()) {
        auto amp = body.find('&');
        std::string_view pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
        if (pair.empty()) continue;  // "a=1&&b=2"
        auto eq = pair.find('=');
        if (eq == std::string_view::npos) return std::nullopt;
        auto name = decode(pair.substr(0, eq));
        auto value = decode(pair.substr(eq + 1));
        if (!name || !value) return std::nullopt;
        fields.emplace(std::move(*name), std::move(*value));
    }
    return fields;
}

std::string field(const FormFields& fields, std::string_view name) {
    auto it = fields.find(name);
    return it == fields.end() ? std::string() : it->second;
}

}  // namespace firebreak::slack
