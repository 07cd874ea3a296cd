#include "firebreak/slack/modals.hpp"

#include "firebreak/command/text.hpp"
#include "firebreak/slack/blocks.hpp"

namespace firebreak::slack {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxTitleChars = 150;
constexpr std::size_t kMaxOptionDescription = 75;

json plain(std::string_view text) {
    return json{{"type", "plain_text"}, {"text", std::string(text)}, {"emoji", true}};
}

std::string clip(const std::string& text, std::size_t limit) {
    if (command::char_count(text) <= limit) return text;
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++chars > limit - 1) break;
        out += text[i];
    }
    return out + "…";
}

json text_input(const std::string& block, const std::string& label, bool multiline, bool optional,
                std::size_t max_length, const std::string& initial = "") {
    json element{{"type", "plain_text_input"},
                 {"action_id", "value"},
                 {"multiline", multiline},
                 {"max_length", max_length}};
    if (!initial.empty()) element["initial_value"] = initial;
    return json{{"type", "input"},
                {"block_id", block},
                {"label", plain(label)},
                {"optional", optional},
                {"element", std::move(element)}};
}

json option(const std::string& value, const std::string& text,
            const std::string& description = "") {
    json o{{"text", plain(clip(text, 75))}, {"value", value}};
    if (!description.empty()) o["description"] = plain(clip(description, kMaxOptionDescription));
    return o;
}

json select(const std::string& block, const std::string& label, json options, const json& initial) {
    json element{
        {"type", "static_select"}, {"action_id", "value"}, {"options", std::move(options)}};
    if (!initial.is_null()) element["initial_option"] = initial;
    return json{
        {"type", "input"}, {"block_id", block}, {"label", plain(label)}, {"element", element}};
}

json modal(std::string_view callback, const std::string& title, const std::string& submit,
           json blocks, const json& metadata) {
    return json{{"type", "modal"},
                {"callback_id", std::string(callback)},
                {"title", plain(title)},
                {"submit", plain(submit)},
                {"close", plain("Cancel")},
                {"private_metadata", metadata.dump()},
                {"blocks", std::move(blocks)}};
}

std::string string_field(const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// view.state.values[block]["value"]: the typed text or the chosen option's value.
std::string value_of(const json& view, const std::string& block) {
    const json* values = nullptr;
    if (view.is_object() && view.contains("state") && view["state"].is_object() &&
        view["state"].contains("values") && view["state"]["values"].is_object())
        values = &view["state"]["values"];
    if (!values || !values->contains(block) || !(*values)[block].is_object()) return "";
    const json& action = (*values)[block];
    if (!action.contains("value") || !action["value"].is_object()) return "";
    const json& v = action["value"];
    if (v.contains("value") && v["value"].is_string())
        return defuse_broadcasts(v["value"].get<std::string>());
    if (v.contains("selected_option") && v["selected_option"].is_object() &&
        v["selected_option"].contains("value") && v["selected_option"]["value"].is_string())
        return v["selected_option"]["value"].get<std::string>();
    if (v.contains("selected_options") && v["selected_options"].is_array() &&
        !v["selected_options"].empty() && v["selected_options"][0].is_object())
        return string_field(v["selected_options"][0], "value");
    return "";
}

json metadata_of(const json& view) {
    if (!view.is_object() || !view.contains("private_metadata") ||
        !view["private_metadata"].is_string())
        return json::object();
    json m = json::parse(view["private_metadata"].get<std::string>(), nullptr, false);
    return m.is_object() ? m : json::object();
}

}  // namespace

json declare_modal(const core::Policy& policy, const std::string& channel) {
    json severities = json::array();
    json initial;
    for (const auto& level : policy.severities) {
        json o = option(level.id, policy.severity_label(level.id), level.description);
        if (level.id == policy.default_severity) initial = o;
        severities.push_back(std::move(o));
    }
    json blocks = json::array();
    blocks.push_back(text_input("title", "Title", false, false, kMaxTitleChars));
    blocks.push_back(select("severity", "Severity", std::move(severities), initial));
    blocks.push_back(text_input("broken", "What is broken", true, true, 2000));
    blocks.push_back(text_input("affected", "Who is affected", true, true, 2000));
    blocks.push_back(
        json{{"type", "input"},
             {"block_id", "private"},
             {"label", plain("Visibility")},
             {"optional", true},
             {"element",
              {{"type", "checkboxes"},
               {"action_id", "value"},
               {"options", json::array({option("private", "Private incident",
                                               "Only invited people see the channel")})}}}});
    return modal(kDeclareCallback, "Declare an incident", "Declare", std::move(blocks),
                 json{{"channel", channel}});
}

std::variant<core::cmd::Declare, FieldErrors> read_declare(const json& view,
                                                           const core::Policy& policy) {
    FieldErrors errors;
    core::cmd::Declare d;
    d.title = std::string(command::trim(value_of(view, "title")));
    if (d.title.empty())
        errors["title"] = "Give the incident a short title.";
    else if (command::char_count(d.title) > kMaxTitleChars)
        errors["title"] = "At most 150 characters.";
    std::string severity = value_of(view, "severity");
    if (!severity.empty() && !policy.find_severity(severity))
        errors["severity"] = "Choose one of the listed severities.";
    if (!severity.empty()) d.severity = severity;
    d.impact.what_broken = std::string(command::trim(value_of(view, "broken")));
    d.impact.who_affected = std::string(command::trim(value_of(view, "affected")));
    for (const char* block : {"broken", "affected"})
        if (command::too_long(value_of(view, block))) errors[block] = "At most 3000 characters.";
    d.is_private = value_of(view, "private") == "private";
    if (!errors.empty()) return errors;
    return d;
}

json update_modal(const core::Incident& incident, const std::string& channel) {
    json statuses = json::array();
    json initial;
    for (core::Status s :
         {core::Status::investigating, core::Status::mitigating, core::Status::monitoring}) {
        std::string name(core::to_string(s));
        json o = option(name, name);
        if (s == incident.status) initial = o;
        statuses.push_back(std::move(o));
    }
    json trend = json::array({option("improving", "Improving"), option("stable", "Stable"),
                              option("worsening", "Worsening")});
    json blocks = json::array();
    blocks.push_back(select("status", "Status", std::move(statuses), initial));
    blocks.push_back(text_input("known", "What we know", true, false, 1200));
    blocks.push_back(text_input("doing", "What we're doing", true, false, 1200));
    blocks.push_back(select("trend", "Impact is", std::move(trend), json()));
    return modal(
        kUpdateCallback, "Post an update", "Post", std::move(blocks),
        json{{"channel", channel}, {"status", std::string(core::to_string(incident.status))}});
}

std::variant<UpdateSubmission, FieldErrors> read_update(const json& view) {
    FieldErrors errors;
    std::string known(command::trim(value_of(view, "known")));
    std::string doing(command::trim(value_of(view, "doing")));
    std::string trend = value_of(view, "trend");
    if (known.empty()) errors["known"] = "Say what we know, even if it is little.";
    if (doing.empty()) errors["doing"] = "Say what we are doing next.";
    if (trend != "improving" && trend != "stable" && trend != "worsening")
        errors["trend"] = "Choose improving, stable or worsening.";
    UpdateSubmission out;
    std::string status = value_of(view, "status");
    if (!status.empty()) {
        auto parsed = core::parse_status(status);
        if (!parsed || !core::is_live(*parsed))
            errors["status"] = "Choose investigating, mitigating or monitoring.";
        else if (status != string_field(metadata_of(view), "status"))
            out.status = parsed;
    }
    if (!errors.empty()) return errors;
    out.text =
        "*What we know:* " + known + "\n*What we're doing:* " + doing + "\n*Impact:* " + trend;
    return out;
}

json handover_modal(core::Role role, const std::string& role_name, const std::string& channel) {
    json blocks = json::array();
    blocks.push_back(json{{"type", "input"},
                          {"block_id", "to"},
                          {"label", plain("New " + role_name)},
                          {"element", {{"type", "users_select"}, {"action_id", "value"}}}});
    blocks.push_back(text_input("summary", "Current state (what is known, what is in flight)", true,
                                false, 2000));
    return modal(kHandoverCallback, "Hand over", "Hand over", std::move(blocks),
                 json{{"channel", channel}, {"role", std::string(core::to_string(role))}});
}

std::variant<core::cmd::Handover, FieldErrors> read_handover(const json& view) {
    FieldErrors errors;
    core::cmd::Handover h;
    auto role = core::parse_role(string_field(metadata_of(view), "role"));
    h.role = role.value_or(core::Role::ic);
    if (view.is_object() && view.contains("state") && view["state"].is_object() &&
        view["state"].contains("values") && view["state"]["values"].is_object()) {
        const json& values = view["state"]["values"];
        if (values.contains("to") && values["to"].is_object() && values["to"].contains("value") &&
            values["to"]["value"].is_object())
            h.to = string_field(values["to"]["value"], "selected_user");
    }
    h.summary = std::string(command::trim(value_of(view, "summary")));
    if (!role) errors["to"] = "This form lost its role; open it again.";
    if (h.to.empty()) errors["to"] = "Choose who takes over.";
    if (h.summary.empty()) errors["summary"] = "Write the current state for the next person.";
    if (!errors.empty()) return errors;
    return h;
}

std::optional<core::Role> handover_form_role(std::string_view command_text) {
    auto words = command::split_words(command_text);
    if (words.size() != 2 || !command::iequals(words[0].text, "handover")) return std::nullopt;
    return core::parse_role(command::to_lower(words[1].text));
}

std::string form_channel(const json& view) {
    return string_field(metadata_of(view), "channel");
}

}  // namespace firebreak::slack
