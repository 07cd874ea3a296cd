#include "firebreak/chat/message.hpp"

#include <nlohmann/json.hpp>

#include "firebreak/chat/untrusted_json.hpp"

namespace firebreak::chat {
namespace {

using nlohmann::json;

std::string_view style_name(ButtonStyle s) {
    switch (s) {
        case ButtonStyle::primary:
            return "primary";
        case ButtonStyle::danger:
            return "danger";
        case ButtonStyle::normal:
            break;
    }
    return "normal";
}

ButtonStyle style_of(std::string_view name) {
    if (name == "primary") return ButtonStyle::primary;
    if (name == "danger") return ButtonStyle::danger;
    return ButtonStyle::normal;
}

std::string string_at(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string serialize(const Message& m) {
    json j{{"text", m.text}};
    if (!m.fields.empty()) {
        json fields = json::array();
        for (const auto& f : m.fields) fields.push_back({{"label", f.label}, {"value", f.value}});
        j["fields"] = std::move(fields);
    }
    if (!m.buttons.empty()) {
        json buttons = json::array();
        for (const auto& b : m.buttons)
            buttons.push_back(
                {{"label", b.label}, {"command", b.command}, {"style", style_name(b.style)}});
        j["buttons"] = std::move(buttons);
    }
    if (!m.pickers.empty()) {
        json pickers = json::array();
        for (const auto& p : m.pickers)
            pickers.push_back({{"label", p.label}, {"command", p.command}});
        j["pickers"] = std::move(pickers);
    }
    if (!m.footer.empty()) j["footer"] = m.footer;
    // Chat text is whatever people typed: invalid UTF-8 becomes U+FFFD rather than an error.
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<Message> deserialize(std::string_view text) {
    json j = parse_untrusted_json(text).value_or(json());
    if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) return std::nullopt;
    Message m;
    m.text = j["text"].get<std::string>();
    m.footer = string_at(j, "footer");
    if (auto it = j.find("fields"); it != j.end() && it->is_array())
        for (const auto& f : *it)
            if (f.is_object()) m.fields.push_back({string_at(f, "label"), string_at(f, "value")});
    if (auto it = j.find("buttons"); it != j.end() && it->is_array())
        for (const auto& b : *it)
            if (b.is_object())
                m.buttons.push_back({string_at(b, "label"), string_at(b, "command"),
                                     style_of(string_at(b, "style"))});
    if (auto it = j.find("pickers"); it != j.end() && it->is_array())
        for (const auto& p : *it)
            if (p.is_object())
                m.pickers.push_back({string_at(p, "label"), string_at(p, "command")});
    return m;
}

}  // namespace firebreak::chat
