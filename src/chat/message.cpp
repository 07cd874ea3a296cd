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
    // "name":[{...},{...}], for a part that has items; `each` writes one item's members.
    auto array = [&out](std::string_view name, const auto& items, auto each) {
        if (items.empty()) return;
        out += '"';
        out += name;
        out += "\":[";
        for (std::size_t i = 0; i < items.size(); ++i) {
            out += i == 0 ? "{" : ",{";
            each(items[i]);
            out += '}';
        }
        out += "],";
    };
    auto member = [&out](std::string_view key, std::string_view value, bool first = false) {
        out += first ? "\"" : ",\"";
        out += key;
        out += "\":";
        append_json_string(out, value);
    };
    array("buttons", m.buttons, [&](const Button& b) {
        member("command", b.command, true);
        member("label", b.label);
        member("style", style_name(b.style));
    });
    array("fields", m.fields, [&](const Field& f) {
        member("label", f.label, true);
        member("value", f.value);
    });
    if (!m.footer.empty()) {
        member("footer", m.footer, true);
        out += ',';
    }
    array("pickers", m.pickers, [&](const UserPicker& p) {
        member("command", p.command, true);
        member("label", p.label);
    });
    member("text", m.text, true);
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
