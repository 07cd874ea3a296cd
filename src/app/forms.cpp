#include "firebreak/app/forms.hpp"

#include <cstdio>
#include <cstdlib>

#include "firebreak/command/text.hpp"

namespace firebreak::app::forms {
namespace {

using chat::FieldKind;
using chat::FieldValues;

constexpr std::size_t kMaxTriageChars = 2000;
constexpr std::size_t kMaxUpdatePartChars = 1200;

std::string value(const FieldValues& values, const std::string& id) {
    auto it = values.find(id);
    return it == values.end() ? std::string() : std::string(command::trim(it->second));
}

std::string context_value(const std::map<std::string, std::string>& context,
                          const std::string& key) {
    auto it = context.find(key);
    return it == context.end() ? std::string() : it->second;
}

chat::FormField text_field(std::string id, std::string label, FieldKind kind, bool optional,
                           std::size_t max_chars) {
    chat::FormField f;
    f.id = std::move(id);
    f.label = std::move(label);
    f.kind = kind;
    f.optional = optional;
    f.max_chars = max_chars;
    return f;
}

chat::FormField select_field(std::string id, std::string label, std::vector<chat::Option> options,
                             std::string initial) {
    chat::FormField f;
    f.id = std::move(id);
    f.label = std::move(label);
    f.kind = FieldKind::select;
    f.options = std::move(options);
    f.initial = std::move(initial);
    return f;
}

/// Errors for fields over their limit, whatever the platform let through.
void check_lengths(const chat::Form& form, const FieldValues& values, chat::FieldErrors& errors) {
    for (const auto& field : form.fields) {
        if (field.max_chars == 0 || errors.contains(field.id)) continue;
        if (command::char_count(value(values, field.id)) > field.max_chars)
            errors[field.id] = "At most " + std::to_string(field.max_chars) + " characters.";
    }
}

}  // namespace

chat::Form declare_form(const core::Policy& policy, const std::string& conversation) {
    chat::Form form;
    form.id = std::string(kDeclare);
    form.title = "Declare an incident";
    form.submit_label = "Declare";
    form.context[kConversation] = conversation;
    std::vector<chat::Option> severities;
    for (const auto& level : policy.severities)
        severities.push_back({level.id, policy.severity_label(level.id), level.description});
    form.fields.push_back(
        text_field("title", "Title", FieldKind::text, false, core::kMaxTitleChars));
    form.fields.push_back(
        select_field("severity", "Severity", std::move(severities), policy.default_severity));
    form.fields.push_back(
        text_field("broken", "What is broken", FieldKind::multiline, true, kMaxTriageChars));
    form.fields.push_back(
        text_field("affected", "Who is affected", FieldKind::multiline, true, kMaxTriageChars));
    form.fields.push_back(
        text_field("since", "Since when (impact start, UTC)", FieldKind::datetime, true, 0));
    form.fields.push_back(text_field("changes", "What changed recently (deploys, config, vendors)",
                                     FieldKind::multiline, true, kMaxTriageChars));
    chat::FormField is_private =
        text_field("private", "Private incident (only invited people see the channel)",
                   FieldKind::checkbox, true, 0);
    form.fields.push_back(std::move(is_private));
    return form;
}

std::variant<core::cmd::Declare, chat::FieldErrors> read_declare(const FieldValues& values,
                                                                 const core::Policy& policy,
                                                                 core::Timestamp now) {
    chat::Form form = declare_form(policy, "");
    chat::FieldErrors errors;
    core::cmd::Declare d;
    d.title = value(values, "title");
    if (d.title.empty()) errors["title"] = "Give the incident a short title.";
    std::string severity = value(values, "severity");
    if (!severity.empty() && !policy.find_severity(severity))
        errors["severity"] = "Choose one of the listed severities.";
    if (!severity.empty()) d.severity = severity;
    d.impact.what_broken = value(values, "broken");
    d.impact.who_affected = value(values, "affected");
    d.impact.recent_changes = value(values, "changes");
    if (std::string since = value(values, "since"); !since.empty()) {
        auto at = parse_moment(since);
        if (!at)
            errors["since"] = "Give a date and time such as 2026-11-22 09:30 (UTC).";
        else if (*at > now)
            errors["since"] = "The impact cannot start in the future.";
        else
            d.impact.started_at = *at;
    }
    d.is_private = value(values, "private") == "true";
    check_lengths(form, values, errors);
    if (!errors.empty()) return errors;
    return d;
}

chat::Form update_form(const core::Incident& incident, const std::string& conversation) {
    chat::Form form;
    form.id = std::string(kUpdate);
    form.title = "Post an update";
    form.submit_label = "Post";
    form.context[kConversation] = conversation;
    form.context["status"] = std::string(core::to_string(incident.status));
    std::vector<chat::Option> statuses;
    for (core::Status s :
         {core::Status::investigating, core::Status::mitigating, core::Status::monitoring}) {
        std::string name(core::to_string(s));
        statuses.push_back({name, name, ""});
    }
    form.fields.push_back(select_field("status", "Status", std::move(statuses),
                                       std::string(core::to_string(incident.status))));
    form.fields.push_back(
        text_field("known", "What we know", FieldKind::multiline, false, kMaxUpdatePartChars));
    form.fields.push_back(
        text_field("doing", "What we're doing", FieldKind::multiline, false, kMaxUpdatePartChars));
    form.fields.push_back(select_field(
        "trend", "Impact is",
        {{"improving", "Improving", ""}, {"stable", "Stable", ""}, {"worsening", "Worsening", ""}},
        ""));
    return form;
}

std::variant<UpdateSubmission, chat::FieldErrors> read_update(
    const std::map<std::string, std::string>& context, const FieldValues& values) {
    chat::FieldErrors errors;
    std::string known = value(values, "known");
    std::string doing = value(values, "doing");
    std::string trend = value(values, "trend");
    if (known.empty()) errors["known"] = "Say what we know, even if it is little.";
    if (doing.empty()) errors["doing"] = "Say what we are doing next.";
    if (trend != "improving" && trend != "stable" && trend != "worsening")
        errors["trend"] = "Choose improving, stable or worsening.";
    UpdateSubmission out;
    std::string status = value(values, "status");
    if (!status.empty()) {
        auto parsed = core::parse_status(status);
        if (!parsed || !core::is_live(*parsed))
            errors["status"] = "Choose investigating, mitigating or monitoring.";
        else if (status != context_value(context, "status"))
            out.status = parsed;
    }
    check_lengths(update_form(core::Incident{}, ""), values, errors);
    if (!errors.empty()) return errors;
    out.text =
        "*What we know:* " + known + "\n*What we're doing:* " + doing + "\n*Impact:* " + trend;
    return out;
}

chat::Form handover_form(core::Role role, const std::string& role_name,
                         const std::string& conversation) {
    chat::Form form;
    form.id = std::string(kHandover);
    form.title = "Hand over";
    form.submit_label = "Hand over";
    form.context[kConversation] = conversation;
    form.context["role"] = std::string(core::to_string(role));
    form.fields.push_back(text_field("to", "New " + role_name, FieldKind::user, false, 0));
    form.fields.push_back(text_field("summary", "Current state (what is known, what is in flight)",
                                     FieldKind::multiline, false, kMaxTriageChars));
    return form;
}

std::variant<core::cmd::Handover, chat::FieldErrors> read_handover(
    const std::map<std::string, std::string>& context, const FieldValues& values) {
    chat::FieldErrors errors;
    core::cmd::Handover h;
    auto role = core::parse_role(context_value(context, "role"));
    h.role = role.value_or(core::Role::ic);
    h.to = value(values, "to");
    h.summary = value(values, "summary");
    if (!role) errors["to"] = "This form lost its role; open it again.";
    if (h.to.empty()) errors["to"] = "Choose who takes over.";
    if (h.summary.empty()) errors["summary"] = "Write the current state for the next person.";
    check_lengths(handover_form(h.role, "", ""), values, errors);
    if (!errors.empty()) return errors;
    return h;
}

chat::Form publish_form(const core::PublishDraft& draft, const std::string& conversation) {
    chat::Form form;
    form.id = std::string(kPublish);
    form.title = "Status page update";
    form.submit_label = "Publish";
    form.context[kConversation] = conversation;
    form.context["draft"] = std::to_string(draft.id);
    std::vector<chat::Option> statuses;
    for (auto s : {core::PublicStatus::investigating, core::PublicStatus::identified,
                   core::PublicStatus::monitoring, core::PublicStatus::resolved}) {
        std::string name(core::to_string(s));
        statuses.push_back({name, name, ""});
    }
    form.fields.push_back(select_field("status", "Public status", std::move(statuses),
                                       std::string(core::to_string(draft.status))));
    chat::FormField text = text_field("text", "What customers read", FieldKind::multiline, false,
                                      core::kMaxPublicUpdateChars);
    text.initial = draft.body;
    form.fields.push_back(std::move(text));
    return form;
}

std::variant<core::cmd::Publish, chat::FieldErrors> read_publish(
    const std::map<std::string, std::string>& context, const FieldValues& values) {
    chat::FieldErrors errors;
    core::cmd::Publish p;
    p.confirmed = true;
    p.text = value(values, "text");
    if (p.text.empty()) errors["text"] = "Write what customers should read.";
    p.status = core::parse_public_status(value(values, "status"));
    if (!p.status) errors["status"] = "Choose investigating, identified, monitoring or resolved.";
    std::string draft = context_value(context, "draft");
    p.replaces_draft = std::atoll(draft.c_str());
    if (p.replaces_draft <= 0) errors["text"] = "This form lost its draft; publish again.";
    if (command::char_count(p.text) > core::kMaxPublicUpdateChars)
        errors["text"] = "At most " + std::to_string(core::kMaxPublicUpdateChars) + " characters.";
    if (!errors.empty()) return errors;
    return p;
}

FormFor form_requested(std::string_view command_text) {
    auto words = command::split_words(command_text);
    if (words.size() == 3 && command::iequals(words[0].text, "publish") &&
        command::iequals(words[1].text, "edit")) {
        std::int64_t n = std::atoll(std::string(words[2].text).c_str());
        if (n > 0) return {FormRequest::publish_edit, core::Role::ic, n, ""};
    }
    if (!words.empty() && command::iequals(words[0].text, "resolve")) {
        for (const auto& w : words)
            if (command::iequals(w.text, "--force")) return {};
        std::string_view text = command::trim(command_text.substr(words[0].offset + 7));
        return {FormRequest::resolve, core::Role::ic, 0, std::string(text)};
    }
    if (words.size() == 1 && command::iequals(words[0].text, "update"))
        return {FormRequest::update, core::Role::ic, 0, ""};
    if (words.size() == 2 && command::iequals(words[0].text, "handover"))
        if (auto role = core::parse_role(command::to_lower(words[1].text)))
            return {FormRequest::handover, *role, 0, ""};
    return {};
}

std::optional<core::Timestamp> parse_moment(std::string_view text) {
    // "2026-11-22T09:30:00Z" or "2026-11-22 09:30".
    if (text.size() < 16) return std::nullopt;
    auto date = core::parse_date(text.substr(0, 10));
    if (!date || (text[10] != 'T' && text[10] != ' ') || text[13] != ':') return std::nullopt;
    auto two_digits = [&](std::size_t at) -> int {
        char a = text[at], b = text[at + 1];
        if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
        return (a - '0') * 10 + (b - '0');
    };
    int hours = two_digits(11), minutes = two_digits(14), seconds = 0;
    std::string_view rest = text.substr(16);
    if (rest.starts_with(':')) {
        if (rest.size() < 3) return std::nullopt;
        seconds = two_digits(17);
        rest = rest.substr(3);
    }
    if (rest == "Z") rest = "";
    if (!rest.empty() || hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 ||
        seconds > 59)
        return std::nullopt;
    return core::Timestamp{std::chrono::sys_days{*date}} + std::chrono::hours(hours) +
           std::chrono::minutes(minutes) + std::chrono::seconds(seconds);
}

}  // namespace firebreak::app::forms
