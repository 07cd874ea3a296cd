#include "views.hpp"

#include "firebreak/command/command_table.hpp"

namespace firebreak::app::views {
namespace {

using core::Role;

using core::mention;

std::string short_role_name(Role r) {
    switch (r) {
        case Role::ic:
            return "IC";
        case Role::tl:
            return "TL";
        case Role::comms:
            return "Comms";
    }
    return "IC";
}

std::string holder_text(const core::Incident& inc, Role r) {
    return inc.holder(r) ? mention(inc.holder(r)->user) : "unassigned";
}

std::string headline(const core::Incident& inc, const core::Policy& policy) {
    return "*" + std::string(inc.is_drill ? "[DRILL] " : "") + "[" +
           policy.severity_label(inc.severity) + "] " + inc.title + "*";
}

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
    return out;
}

}  // namespace

chat::Message summary(const core::Incident& inc, const core::Policy& policy, core::Timestamp now) {
    chat::Message m;
    m.text = headline(inc, policy);
    m.fields.push_back({"Incident", inc.name});
    m.fields.push_back({"Status", std::string(core::to_string(inc.status))});
    for (Role r : core::kAllRoles) m.fields.push_back({policy.role_name(r), holder_text(inc, r)});
    if (inc.next_update_due) {
        std::string when = core::format_clock(*inc.next_update_due);
        if (*inc.next_update_due < now) when += " (overdue)";
        m.fields.push_back({"Next update", when});
    }
    if (!inc.impact.what_broken.empty())
        m.fields.push_back({"What is broken", inc.impact.what_broken});
    if (!inc.impact.who_affected.empty())
        m.fields.push_back({"Who is affected", inc.impact.who_affected});
    m.fields.push_back({"Declared", core::format_time(inc.milestones.declared_at) + " by " +
                                        mention(inc.declared_by)});
    if (core::is_live(inc.status))
        for (Role r : core::kAllRoles)
            if (!inc.holder(r))
                m.buttons.push_back({"Claim " + short_role_name(r),
                                     std::string(core::to_string(r)) + " me",
                                     chat::ButtonStyle::primary});
    if (inc.is_drill) m.footer = "This is a drill.";
    return m;
}

std::map<std::string, std::string> template_values(const core::Incident& inc,
                                                   const ServiceSettings& settings,
                                                   const std::string& text) {
    const core::Policy& policy = settings.policy;
    const core::SeverityLevel* level = policy.find_severity(inc.severity);
    std::string impact = inc.impact.what_broken;
    if (!inc.impact.who_affected.empty())
        impact += (impact.empty() ? "" : "; affects ") + inc.impact.who_affected;
    std::string review_due;
    if (inc.milestones.resolved_at)
        review_due = core::format_date(core::add_business_days(
            core::date_of(*inc.milestones.resolved_at), settings.review_within_business_days));
    std::string next = inc.next_update_due ? core::format_clock(*inc.next_update_due)
                                           : std::string("no fixed time");
    return {
        {"incident", inc.name},
        {"title", inc.title},
        {"severity", core::Policy::severity_code(inc.severity)},
        {"severity_name", level ? level->name : inc.severity},
        {"status", std::string(core::to_string(inc.status))},
        {"impact", impact.empty() ? "not yet known" : impact},
        {"next_update", next},
        {"ic", holder_text(inc, Role::ic)},
        {"tl", holder_text(inc, Role::tl)},
        {"comms", holder_text(inc, Role::comms)},
        {"channel", "#" + inc.name},
        {"text", text},
        {"review_due", review_due},
        {"due", next},
        {"who", inc.holder(Role::comms) ? mention(inc.holder(Role::comms)->user)
                : inc.holder(Role::ic)  ? mention(inc.holder(Role::ic)->user)
                                        : std::string("<!channel>")},
    };
}

chat::Message announcement(const core::Incident& inc, const ServiceSettings& settings) {
    chat::Message m;
    m.text = core::fill_template(settings.templates.declared, template_values(inc, settings));
    if (inc.is_drill) m.footer = "This is a drill.";
    return m;
}

chat::Message declared_confirmation(const core::Incident& inc, const core::Change& change,
                                    const core::Policy& policy) {
    chat::Message m;
    m.text = "Declared " + policy.severity_label(inc.severity) + ": " + inc.name +
             ". Its channel is #" + inc.name + ".";
    m.footer = join_lines(change.notices);
    return m;
}

chat::Message change(const core::Change& change, const core::Command& command,
                     const ServiceSettings& settings) {
    chat::Message m;
    const core::Incident& inc = change.incident;
    const core::Templates& t = settings.templates;
    if (const auto* update = std::get_if<core::cmd::PostUpdate>(&command)) {
        m.text = core::fill_template(t.update, template_values(inc, settings, update->text));
    } else if (std::holds_alternative<core::cmd::NoChange>(command) && change.update) {
        m.text = change.update->text;  // already the no_change template, as stored
    } else if (const auto* resolve = std::get_if<core::cmd::Resolve>(&command)) {
        m.text = core::fill_template(t.resolved, template_values(inc, settings, resolve->text));
    } else {
        std::vector<std::string> lines;
        for (const auto& e : change.events) lines.push_back(e.text);
        m.text = join_lines(lines);
    }
    m.footer = join_lines(change.notices);
    for (const auto& d : change.decisions)
        if (d.state == core::DecisionState::proposed)
            m.buttons.push_back({"Acknowledge decision #" + std::to_string(d.number),
                                 "ack " + std::to_string(d.number), chat::ButtonStyle::primary});
    return m;
}

chat::Message refusal(const std::string& reason) {
    return chat::Message{reason, {}, {}, {}};
}

chat::Message usage(const command::UsageError& error) {
    return chat::Message{command::render(error), {}, {}, {}};
}

chat::Message no_incident_here() {
    return chat::Message{
        "There is no incident in this conversation. Run the command in the incident's "
        "channel, or see /incident list.",
        {},
        {},
        {}};
}

chat::Message no_forms() {
    return chat::Message{
        "This conversation cannot show forms. Declare with /incident declare <title> [sev1..sev4] "
        "[--private] [--drill].",
        {},
        {},
        {}};
}

chat::Message timeline(const core::Incident& inc, const std::vector<core::TimelineEvent>& events) {
    chat::Message m;
    std::vector<std::string> lines{"*Timeline of " + inc.name + "*"};
    for (const auto& e : events) {
        // Most event texts already name who acted; name them only when they do not.
        std::string by;
        if (e.actor.empty())
            by = " (firebreak)";
        else if (e.text.find(mention(e.actor)) == std::string::npos)
            by = " (" + mention(e.actor) + ")";
        lines.push_back(core::format_time(e.at) + "  " + e.text + by);
    }
    m.text = join_lines(lines);
    return m;
}

chat::Message incident_list(const std::vector<core::Incident>& incidents, int hidden,
                            const core::Policy& policy) {
    chat::Message m;
    std::vector<std::string> lines{incidents.empty() ? "No live incidents." : "*Live incidents*"};
    for (const auto& inc : incidents)
        lines.push_back("#" + inc.name + "  " + policy.severity_label(inc.severity) + "  " +
                        std::string(core::to_string(inc.status)) + "  IC " +
                        holder_text(inc, Role::ic) + "  " + inc.title);
    m.text = join_lines(lines);
    if (hidden > 0)
        m.footer =
            std::to_string(hidden) + " private incident" + (hidden == 1 ? "" : "s") + " not shown.";
    return m;
}

chat::Message help() {
    return chat::Message{command::help_text(), {}, {}, {}};
}

chat::Message update_due(const core::Incident& inc, const ServiceSettings& settings,
                         core::Timestamp due_at) {
    auto values = template_values(inc, settings);
    values["due"] = core::format_clock(due_at);
    chat::Message m;
    m.text = core::fill_template(settings.templates.update_due, values);
    m.buttons = {{"No change", "nochange", chat::ButtonStyle::primary},
                 {"Snooze 15m", "snooze 15m", chat::ButtonStyle::normal}};
    if (inc.is_drill) m.footer = "This is a drill.";
    return m;
}

}  // namespace firebreak::app::views
