#include "firebreak/chat/message.hpp"

#include <nlohmann/json.hpp>

#include "firebreak/chat/json_text.hpp"
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

// Written directly rather than through a json value: every declare and change renders
// several messages into the outbox, and building the tree cost more than the rest of the
// rendering. The output is the same bytes json::dump() writes (keys in its sorted order),
// so rows written before and after this read the same.
std::string serialize(const Message& m) {
    std::string out;
    std::size_t size = 64 + m.text.size() + m.footer.size();
    for (const auto& f : m.fields) size += 24 + f.label.size() + f.value.size();
    for (const auto& b : m.buttons) size += 48 + b.label.size() + b.command.size();
    for (const auto& p : m.pickers) size += 32 + p.label.size() + p.command.size();
    out.reserve(size);
    out += '{';
    if (!m.buttons.empty()) {
        out += "\"buttons\":[";
        for (std::size_t i = 0; i < m.buttons.size(); ++i) {
            const Button& b = m.buttons[i];
            out += i == 0 ? "{\"command\":" : ",{\"command\":";
            append_json_string(out, b.command);
            out += ",\"label\":";
            append_json_string(out, b.label);
            out += ",\"style\":";
            append_json_string(out, style_name(b.style));
            out += '}';
        }
        out += "],";
    }
    if (!m.fields.empty()) {
        out += "\"fields\":[";
        for (std::size_t i = 0; i < m.fields.size(); ++i) {
            out += i == 0 ? "{\"label\":" : ",{\"label\":";
            append_json_string(out, m.fields[i].label);
            out += ",\"value\":";
            append_json_string(out, m.fields[i].value);
            out += '}';
        }
        out += "],";
    }
    if (!m.footer.empty()) {
        out += "\"footer\":";
        append_json_string(out, m.footer);
        out += ',';
    }
    if (!m.pickers.empty()) {
        out += "\"pickers\":[";
        for (std::size_t i = 0; i < m.pickers.size(); ++i) {
            out += i == 0 ? "{\"command\":" : ",{\"command\":";
            append_json_string(out, m.pickers[i].command);
            out += ",\"label\":";
            append_json_string(out, m.pickers[i].label);
            out += '}';
        }
        out += "],";
    }
    out += "\"text\":";
    append_json_string(out, m.text);
    out += '}';
    return out;
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
