#include "firebreak/chat/form.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "firebreak/chat/untrusted_json.hpp"

namespace firebreak::chat {
namespace {

using nlohmann::json;

constexpr std::array<std::pair<FieldKind, std::string_view>, 6> kKinds{{
    {FieldKind::text, "text"},
    {FieldKind::multiline, "multiline"},
    {FieldKind::select, "select"},
    {FieldKind::checkbox, "checkbox"},
    {FieldKind::datetime, "datetime"},
    {FieldKind::user, "user"},
}};

std::string_view kind_name(FieldKind kind) {
    for (const auto& [k, name] : kKinds)
        if (k == kind) return name;
    return "text";
}

std::optional<FieldKind> kind_of(std::string_view name) {
    for (const auto& [k, n] : kKinds)
        if (n == name) return k;
    return std::nullopt;
}

std::string string_at(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

const FormField* Form::field(std::string_view field_id) const {
    auto it = std::find_if(fields.begin(), fields.end(),
                           [&](const FormField& f) { return f.id == field_id; });
    return it == fields.end() ? nullptr : &*it;
}

std::string serialize(const Form& form) {
    json fields = json::array();
    for (const auto& f : form.fields) {
        json j{{"id", f.id}, {"kind", kind_name(f.kind)}, {"label", f.label}};
        if (f.optional) j["optional"] = true;
        if (f.max_chars > 0) j["max_chars"] = f.max_chars;
        if (!f.initial.empty()) j["initial"] = f.initial;
        if (!f.options.empty()) {
            json options = json::array();
            for (const auto& o : f.options)
                options.push_back(
                    {{"value", o.value}, {"label", o.label}, {"description", o.description}});
            j["options"] = std::move(options);
        }
        fields.push_back(std::move(j));
    }
    json j{{"id", form.id},
           {"title", form.title},
           {"submit", form.submit_label},
           {"fields", std::move(fields)},
           {"context", form.context}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<Form> deserialize_form(std::string_view text) {
    json j = parse_untrusted_json(text).value_or(json());
    if (!j.is_object() || !j.contains("fields") || !j["fields"].is_array()) return std::nullopt;
    Form form;
    form.id = string_at(j, "id");
    form.title = string_at(j, "title");
    form.submit_label = string_at(j, "submit");
    if (form.id.empty()) return std::nullopt;
    for (const auto& f : j["fields"]) {
        if (!f.is_object()) return std::nullopt;
        auto kind = kind_of(string_at(f, "kind"));
        if (!kind) return std::nullopt;
        FormField field;
        field.id = string_at(f, "id");
        field.kind = *kind;
        field.label = string_at(f, "label");
        field.optional =
            f.contains("optional") && f["optional"].is_boolean() && f["optional"].get<bool>();
        if (f.contains("max_chars") && f["max_chars"].is_number_unsigned())
            field.max_chars = f["max_chars"].get<std::size_t>();
        field.initial = string_at(f, "initial");
        if (f.contains("options") && f["options"].is_array())
            for (const auto& o : f["options"])
                if (o.is_object())
                    field.options.push_back({string_at(o, "value"), string_at(o, "label"),
                                             string_at(o, "description")});
        form.fields.push_back(std::move(field));
    }
    if (j.contains("context") && j["context"].is_object())
        for (const auto& [key, value] : j["context"].items())
            if (value.is_string()) form.context[key] = value.get<std::string>();
    return form;
}

}  // namespace firebreak::chat
