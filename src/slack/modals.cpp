#include "firebreak/slack/modals.hpp"

#include "firebreak/chat/untrusted_json.hpp"
#include "firebreak/core/clip.hpp"
#include "firebreak/core/time.hpp"
#include "firebreak/slack/blocks.hpp"
#include "firebreak/slack/ids.hpp"

namespace firebreak::slack {
namespace {

using chat::FieldKind;
using nlohmann::json;

// Block Kit's limits (api.slack.com/reference/block-kit).
constexpr std::size_t kMaxModalTitle = 24;
constexpr std::size_t kMaxButtonText = 24;
constexpr std::size_t kMaxLabel = 2000;
constexpr std::size_t kMaxOptionText = 75;
constexpr std::size_t kMaxInputChars = 3000;

json plain(const std::string& text, std::size_t limit) {
    return json{{"type", "plain_text"}, {"text", core::clip_chars(text, limit)}, {"emoji", true}};
}

json option(const chat::Option& o) {
    json out{{"text", plain(o.label.empty() ? o.value : o.label, kMaxOptionText)},
             {"value", o.value}};
    if (!o.description.empty()) out["description"] = plain(o.description, kMaxOptionText);
    return out;
}

json element_for(const chat::FormField& field) {
    switch (field.kind) {
        case FieldKind::text:
        case FieldKind::multiline: {
            json e{{"type", "plain_text_input"},
                   {"action_id", "value"},
                   {"multiline", field.kind == FieldKind::multiline},
                   {"max_length", field.max_chars > 0 ? std::min(field.max_chars, kMaxInputChars)
                                                      : kMaxInputChars}};
            if (!field.initial.empty()) e["initial_value"] = field.initial;
            return e;
        }
        case FieldKind::select: {
            json options = json::array();
            json initial;
            for (const auto& o : field.options) {
                options.push_back(option(o));
                if (o.value == field.initial) initial = options.back();
            }
            json e{{"type", "static_select"}, {"action_id", "value"}, {"options", options}};
            if (!initial.is_null()) e["initial_option"] = initial;
            return e;
        }
        case FieldKind::checkbox: {
            chat::Option on{"true", field.label, ""};
            json e{{"type", "checkboxes"},
                   {"action_id", "value"},
                   {"options", json::array({option(on)})}};
            if (field.initial == "true") e["initial_options"] = json::array({option(on)});
            return e;
        }
        case FieldKind::datetime:
            return json{{"type", "datetimepicker"}, {"action_id", "value"}};
        case FieldKind::user: {
            json e{{"type", "users_select"}, {"action_id", "value"}};
            if (!field.initial.empty()) e["initial_user"] = field.initial;
            return e;
        }
    }
    return json{{"type", "plain_text_input"}, {"action_id", "value"}};
}

/// The label of a checkbox is its only option's text; the block gets a short one.
std::string block_label(const chat::FormField& field) {
    return field.kind == FieldKind::checkbox ? "Options" : field.label;
}

std::string string_at(const json& j, const char* key) {
    if (!j.is_object()) return "";
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// One input block's value: what Slack sends back for the element types render_modal uses
/// (read by the keys each element answers with).
std::string value_of(const json& v) {
    if (!v.is_object()) return "";
    if (v.contains("selected_options"))
        return v["selected_options"].is_array() && !v["selected_options"].empty() ? "true" : "";
    if (v.contains("selected_user")) {
        // The one value written back as markup (<@U…>): anything but an id is no answer.
        std::string user = string_at(v, "selected_user");
        return is_user_id(user) ? user : "";
    }
    if (auto it = v.find("selected_date_time"); it != v.end()) {
        if (!it->is_number_integer()) return "";
        return core::format_iso8601(core::Timestamp{core::Duration{it->get<long long>()}});
    }
    if (v.contains("selected_option") && v["selected_option"].is_object())
        return string_at(v["selected_option"], "value");
    // Slack escapes nothing in plain inputs; broadcasts typed there must not page anyone.
    return defuse_broadcasts(string_at(v, "value"));
}

}  // namespace

json render_modal(const chat::Form& form) {
    json blocks = json::array();
    for (const auto& field : form.fields)
        blocks.push_back(json{{"type", "input"},
                              {"block_id", field.id},
                              {"label", plain(block_label(field), kMaxLabel)},
                              {"optional", field.optional},
                              {"element", element_for(field)}});
    json metadata{{"form", form.id}, {"context", form.context}};
    return json{{"type", "modal"},
                {"callback_id", std::string(kFormCallbackPrefix) + form.id},
                {"title", plain(form.title, kMaxModalTitle)},
                {"submit", plain(form.submit_label, kMaxButtonText)},
                {"close", plain("Cancel", kMaxButtonText)},
                {"private_metadata", metadata.dump(-1, ' ', false, json::error_handler_t::replace)},
                {"blocks", std::move(blocks)}};
}

std::optional<app::FormSubmission> read_submission(const json& view) {
    if (!string_at(view, "callback_id").starts_with(kFormCallbackPrefix)) return std::nullopt;
    json metadata =
        chat::parse_untrusted_json(string_at(view, "private_metadata")).value_or(json());
    if (!metadata.is_object()) return std::nullopt;
    app::FormSubmission out;
    out.form_id = string_at(metadata, "form");
    if (out.form_id.empty()) return std::nullopt;
    if (metadata.contains("context") && metadata["context"].is_object())
        for (const auto& [key, value] : metadata["context"].items())
            if (value.is_string()) out.context[key] = value.get<std::string>();
    const json* values = nullptr;
    if (view.contains("state") && view["state"].is_object() && view["state"].contains("values") &&
        view["state"]["values"].is_object())
        values = &view["state"]["values"];
    if (values)
        for (const auto& [block, actions] : values->items())
            if (actions.is_object() && actions.contains("value"))
                out.values[block] = value_of(actions["value"]);
    return out;
}

json field_errors(const chat::FieldErrors& errors) {
    return json{{"response_action", "errors"}, {"errors", errors}};
}

}  // namespace firebreak::slack
