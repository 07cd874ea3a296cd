// The reminders' nudges.
#include "views.hpp"

namespace firebreak::app::views {
namespace {

using core::mention;
using core::Role;

/// Drills get reminders too, marked so nobody mistakes one for the real thing.
chat::Message marked(chat::Message m, const core::Incident& inc) {
    if (inc.is_drill) {
        m.text = "[DRILL] " + m.text;
        m.footer = "This is a drill.";
    }
    return m;
}

std::string holder_or(const core::Incident& inc, Role r, const std::string& otherwise) {
    return inc.holder(r) ? mention(inc.holder(r)->user) : otherwise;
}

}  // namespace

chat::Message update_due(const core::Incident& inc, const ServiceSettings& settings,
                         core::Timestamp due_at) {
    auto values = template_values(inc, settings);
    values["due"] = core::format_clock(due_at);
    chat::Message m;
    m.text = core::fill_template(settings.templates.update_due, values);
    m.buttons = {{"Post update", "update", chat::ButtonStyle::primary},
                 {"No change", "nochange", chat::ButtonStyle::normal},
                 {"Snooze 15m", "snooze 15m", chat::ButtonStyle::normal},
                 {"Snooze 30m", "snooze 30m", chat::ButtonStyle::normal},
                 {"Snooze 1h", "snooze 1h", chat::ButtonStyle::normal}};
    return marked(std::move(m), inc);
}

chat::Message update_overdue(const core::Incident& inc, const ServiceSettings& settings,
                             core::Timestamp due_at) {
    chat::Message m;
    std::string ic = holder_or(inc, Role::ic, "<!channel>");
    std::string comms =
        inc.holder(Role::comms) && !inc.holds(inc.holder(Role::comms)->user, Role::ic)
            ? " and " + mention(inc.holder(Role::comms)->user)
            : "";
    m.text = ic + comms + ": the " + settings.policy.severity_label(inc.severity) +
             " stakeholder update due at " + core::format_clock(due_at) +
             " is still missing. Post one now, even if nothing changed.";
    m.buttons = {{"Post update", "update", chat::ButtonStyle::primary},
                 {"No change", "nochange", chat::ButtonStyle::normal}};
    return marked(std::move(m), inc);
}

chat::Message roles_unassigned(const core::Incident& inc, const core::Policy& policy,
                               const std::vector<core::Role>& missing) {
    chat::Message m;
    std::string names;
    for (std::size_t i = 0; i < missing.size(); ++i)
        names += (i == 0                    ? ""
                  : i + 1 == missing.size() ? " and "
                                            : ", ") +
                 policy.role_name(missing[i]);
    m.text = "<!channel> this " + policy.severity_label(inc.severity) + " still has no " + names +
             ". Claim the role, or assign someone.";
    for (Role r : missing) {
        m.buttons.push_back({"Claim " + short_role_name(r), std::string(core::to_string(r)) + " me",
                             chat::ButtonStyle::primary});
        m.pickers.push_back({"Assign " + policy.role_name(r), std::string(core::to_string(r))});
    }
    return marked(std::move(m), inc);
}

chat::Message handover_due(const core::Incident& inc, const core::Policy& policy, core::Role role,
                           core::Duration held_for) {
    const auto& holder = inc.holder(role);
    chat::Message m;
    m.text = (holder ? mention(holder->user) : std::string("<!channel>")) + " you have been " +
             policy.role_name(role) + " for " + core::format_duration(held_for) +
             ". Consider handing over, with a short current-state summary: /incident handover " +
             std::string(core::to_string(role)) + " @someone <summary>";
    m.buttons = {{"Hand over", "handover " + std::string(core::to_string(role)),
                  chat::ButtonStyle::primary}};
    return marked(std::move(m), inc);
}

chat::Message watch_ended(const core::Incident& inc, core::Duration stable_for) {
    chat::Message m;
    m.text = holder_or(inc, Role::ic, "<!channel>") + " stable for " +
             core::format_duration(stable_for) + " since the mitigation. Resolve?";
    m.buttons = {{"Resolve", "resolve", chat::ButtonStyle::primary},
                 {"Not yet", "notyet", chat::ButtonStyle::normal}};
    return marked(std::move(m), inc);
}

chat::Message review_due(const core::Incident& inc, core::Date due, bool last_day) {
    chat::Message m;
    std::string ic = holder_or(inc, Role::ic, "<!channel>");
    m.text = last_day ? ic + " today, " + core::format_date(due) +
                            ", is the last day for the blameless review of this incident, and "
                            "none has started. Post the draft with /incident postmortem."
                      : ic + " the incident is resolved. Hold the blameless review by " +
                            core::format_date(due) +
                            "; /incident postmortem posts a draft that already holds the facts.";
    return marked(std::move(m), inc);
}

chat::Message action_item_due(const core::Incident& inc, const core::ActionItem& item) {
    chat::Message m;
    m.text = mention(item.owner) + " action item #" + std::to_string(item.number) + " of " +
             inc.name + " is due today: " + item.text;
    m.buttons = {{"Done #" + std::to_string(item.number), "done " + std::to_string(item.number),
                  chat::ButtonStyle::primary}};
    return marked(std::move(m), inc);
}

}  // namespace firebreak::app::views
