#include "cards_elements.hpp"
#include "cards_markup.hpp"
#include "firebreak/teams/cards.hpp"

namespace firebreak::teams {
namespace {

using chat::FieldKind;
using nlohmann::json;

std::string input_id(const chat::FormField& field) {
    return std::string(kFieldInputPrefix) + field.id;
}

std::string value_of(const chat::FormField& field, const chat::FieldValues& values) {
    auto it = values.find(field.id);
    return it != values.end() ? it->second : field.initial;
}

void require(json& input, const chat::FormField& field, std::string_view label) {
    if (field.optional) return;
    input["isRequired"] = true;
    input["errorMessage"] = std::string(label) + " is required.";
}

std::string choice_title(const chat::Option& o) {
    std::string title = o.label.empty() ? o.value : o.label;
    if (!o.description.empty()) title += " — " + o.description;
    return title;
}

/// "YYYY-MM-DD" and "HH:MM" of a "YYYY-MM-DDTHH:MM:SSZ" value; empty parts for anything
/// that does not read as one.
std::pair<std::string, std::string> date_and_time(std::string_view value) {
    auto digits = [&](std::size_t from, std::size_t n) {
        if (value.size() < from + n) return false;
        for (std::size_t i = from; i < from + n; ++i)
            if (value[i] < '0' || value[i] > '9') return false;
        return true;
    };
    std::string date, time;
    if (digits(0, 4) && value[4] == '-' && digits(5, 2) && value[7] == '-' && digits(8, 2))
        date = std::string(value.substr(0, 10));
    if (!date.empty() && value.size() >= 16 && value[10] == 'T' && digits(11, 2) &&
        value[13] == ':' && digits(14, 2))
        time = std::string(value.substr(11, 5));
    return {date, time};
}

json people_picker(std::string id, const std::string& label, const std::string& value,
                   const Directory& names) {
    json choices = json::array();
    // A picker shows a preset person only when it is one of its static choices.
    if (!value.empty()) choices.push_back({{"title", names.name_of(value)}, {"value", value}});
    json input{{"type", "Input.ChoiceSet"},
               {"id", std::move(id)},
               {"label", label},
               {"isMultiSelect", false},
               {"choices", std::move(choices)},
               {"choices.data", {{"type", "Data.Query"}, {"dataset", detail::kPeopleDataset}}}};
    if (!value.empty()) input["value"] = value;
    return input;
}

/// The inputs of one field, in order.
json inputs_for(const chat::FormField& field, const std::string& value, const Directory& names) {
    json inputs = json::array();
    switch (field.kind) {
        case FieldKind::text:
        case FieldKind::multiline: {
            json in{{"type", "Input.Text"}, {"id", input_id(field)}, {"label", field.label}};
            if (field.kind == FieldKind::multiline) in["isMultiline"] = true;
            if (field.max_chars > 0) in["maxLength"] = field.max_chars;
            if (!value.empty()) in["value"] = value;
            require(in, field, field.label);
            inputs.push_back(std::move(in));
            break;
        }
        case FieldKind::select: {
            json choices = json::array();
            for (const auto& o : field.options)
                choices.push_back({{"title", choice_title(o)}, {"value", o.value}});
            json in{{"type", "Input.ChoiceSet"}, {"id", input_id(field)},
                    {"label", field.label},      {"style", "compact"},
                    {"isMultiSelect", false},    {"choices", std::move(choices)}};
            if (!value.empty()) in["value"] = value;
            require(in, field, field.label);
            inputs.push_back(std::move(in));
            break;
        }
        case FieldKind::checkbox:
            inputs.push_back({{"type", "Input.Toggle"},
                              {"id", input_id(field)},
                              {"title", field.label},
                              {"valueOn", "true"},
                              {"valueOff", ""},
                              {"value", value == "true" ? "true" : ""}});
            break;
        case FieldKind::datetime: {
            auto [date, time] = date_and_time(value);
            json d{{"type", "Input.Date"},
                   {"id", input_id(field) + ".date"},
                   {"label", field.label + " (date, UTC)"}};
            json t{{"type", "Input.Time"},
                   {"id", input_id(field) + ".time"},
                   {"label", field.label + " (time, UTC)"}};
            if (!date.empty()) d["value"] = date;
            if (!time.empty()) t["value"] = time;
            require(d, field, field.label + " (date)");
            require(t, field, field.label + " (time)");
            inputs.push_back(std::move(d));
            inputs.push_back(std::move(t));
            break;
        }
        case FieldKind::user: {
            json in = people_picker(input_id(field), field.label, value, names);
            require(in, field, field.label);
            inputs.push_back(std::move(in));
            break;
        }
    }
    return inputs;
}

json error_text(std::string_view error) {
    return json{{"type", "TextBlock"},  {"text", detail::escape_markdown(error)},
                {"color", "attention"}, {"size", "small"},
                {"spacing", "none"},    {"wrap", true}};
}

}  // namespace

json form_card(const chat::Form& form, const chat::FieldErrors& errors,
               const chat::FieldValues& values, const Directory& names) {
    json body = json::array();
    body.push_back({{"type", "TextBlock"},
                    {"text", detail::escape_markdown(form.title)},
                    {"size", "large"},
                    {"weight", "bolder"},
                    {"wrap", true}});
    for (const auto& [key, error] : errors)
        if (!form.field(key)) body.push_back(error_text(error));
    for (const auto& field : form.fields) {
        for (auto& in : inputs_for(field, value_of(field, values), names))
            body.push_back(std::move(in));
        if (auto it = errors.find(field.id); it != errors.end())
            body.push_back(error_text(it->second));
    }
    json context = json::object();
    for (const auto& [k, v] : form.context) context[k] = v;
    json data{{std::string(kDataKey), {{"form", form.id}, {"context", std::move(context)}}}};
    json actions = json::array({detail::execute_action(
        form.submit_label.empty() ? "Submit" : form.submit_label, std::move(data), "positive")});
    return detail::card(std::move(body), std::move(actions), detail::Mentions{});
}

json form_activity(const chat::Form& form, const Directory& names) {
    return detail::activity(form_card(form, {}, {}, names), form.title, detail::Mentions{});
}

}  // namespace firebreak::teams
