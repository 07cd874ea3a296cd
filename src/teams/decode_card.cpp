// A card's action: a button, a people picker or a form, sent as Action.Execute (an invoke)
// or its Action.Submit fallback (a message with `value`). Both carry the data the card
// was rendered with (contract: {"firebreak": {…}}) merged with the card's inputs.
#include "decode_detail.hpp"

namespace firebreak::teams::detail {
namespace {

using nlohmann::json;

constexpr std::string_view kField = "field.";

/// A datetime field's Input.Date and Input.Time joined as "YYYY-MM-DDTHH:MM:00Z" (the
/// card says the time is UTC). One without the other is passed on as it is, for the form's
/// validation to refuse with its own message.
std::string join_datetime(const std::string& date, const std::string& time) {
    if (date.empty() && time.empty()) return "";
    if (date.size() == 10 && time.size() >= 5 && time[2] == ':')
        return date + "T" + time.substr(0, 5) + ":00Z";
    return date + "T" + time;
}

/// The form's values: "field.<id>" inputs, and "field.<id>.date"/".time" pairs joined.
chat::FieldValues values_of(const json& data) {
    chat::FieldValues values;
    std::map<std::string, std::pair<std::string, std::string>> moments;
    for (auto it = data.begin(); it != data.end(); ++it) {
        const std::string& key = it.key();
        if (!key.starts_with(kField) || !it->is_string()) continue;
        std::string id = key.substr(kField.size());
        std::string value = it->get<std::string>();
        if (id.ends_with(".date")) {
            moments[id.substr(0, id.size() - 5)].first = value;
        } else if (id.ends_with(".time")) {
            moments[id.substr(0, id.size() - 5)].second = value;
        } else if (!id.empty()) {
            values[id] = value;
        }
    }
    for (const auto& [id, parts] : moments)
        if (!id.empty()) values[id] = join_datetime(parts.first, parts.second);
    return values;
}

}  // namespace

void decode_card_action(Context& c, const json& data) {
    const json* ours = member(data, "firebreak");
    if (!ours || !ours->is_object()) {
        c.out.refusal = "the card action carries no firebreak data";
        return;
    }
    app::Inbound in = inbound_for(c);
    if (const json* command = member(*ours, "command")) {
        if (!command->is_string() || command->get_ref<const std::string&>().empty()) {
            c.out.refusal = "the button names no command";
            return;
        }
        in.body = app::ButtonPress{command->get<std::string>()};
    } else if (const json* picker = member(*ours, "picker")) {
        std::string input = string_at(*ours, "input");
        if (!picker->is_string() || picker->get_ref<const std::string&>().empty() ||
            !input.starts_with("picker.")) {
            c.out.refusal = "the picker names no command";
            return;
        }
        std::string chosen = string_at(data, input.c_str());
        // The one value written into a command as markup: anything but an Entra id is
        // no choice.
        if (!is_entra_id(chosen)) {
            c.out.refusal = "choose someone";
            return;
        }
        in.body = app::ButtonPress{picker->get<std::string>() + " <@" + chosen + ">"};
    } else if (const json* form = member(*ours, "form")) {
        if (!form->is_string() || form->get_ref<const std::string&>().empty()) {
            c.out.refusal = "the form has no id";
            return;
        }
        app::FormSubmission submission;
        submission.form_id = form->get<std::string>();
        if (const json* context = member(*ours, "context")) {
            if (!context->is_object()) {
                c.out.refusal = "the form's context is not an object";
                return;
            }
            for (auto it = context->begin(); it != context->end(); ++it)
                if (it->is_string()) submission.context[it.key()] = it->get<std::string>();
        }
        submission.values = values_of(data);
        in.body = std::move(submission);
    } else {
        c.out.refusal = "the card action names no command, picker or form";
        return;
    }
    c.out.inbound = std::move(in);
}

}  // namespace firebreak::teams::detail
