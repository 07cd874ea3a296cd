#include "views_playbook.hpp"

#include <algorithm>

#include "firebreak/core/clip.hpp"
#include "views.hpp"

namespace firebreak::app::views {
namespace {

using core::mention;

/// Slack shows at most 75 characters on a button.
constexpr std::size_t kMaxButtonChars = 75;

bool ticked(const std::vector<core::ChecklistTick>& ticks, const std::string& item) {
    return std::any_of(ticks.begin(), ticks.end(),
                       [&](const core::ChecklistTick& t) { return t.item == item; });
}

std::string holder_or(const core::Incident& inc, core::Role r, const std::string& none) {
    return inc.holder(r) ? mention(inc.holder(r)->user) : none;
}

}  // namespace

std::string workstream_lines(const std::vector<core::Workstream>& workstreams) {
    std::string out;
    for (const auto& w : workstreams) {
        out += (out.empty() ? "" : "\n") + w.name + " — " + mention(w.owner) + ", " +
               std::string(core::to_string(w.state));
        if (!w.note.empty())
            out += ": " + w.note;
        else if (!w.what.empty())
            out += ": " + w.what;
    }
    return out;
}

chat::Message summary_card(const core::Incident& inc,
                           const std::vector<core::Workstream>& workstreams,
                           const core::Policy& policy, core::Timestamp now,
                           const core::PublicFace* face) {
    chat::Message m = summary(inc, policy, now, face);
    if (!inc.bridge_url.empty()) m.fields.push_back({"Video bridge", inc.bridge_url});
    if (!workstreams.empty()) m.fields.push_back({"Workstreams", workstream_lines(workstreams)});
    return m;
}

chat::Message checklist(const core::Incident& inc, const core::Policy& policy,
                        const std::vector<core::ChecklistTick>& ticks) {
    chat::Message m;
    m.text = "*Checklist* · " + policy.severity_label(inc.severity);
    const bool open = inc.status != core::Status::closed && inc.status != core::Status::canceled;
    for (core::Phase phase : core::kAllPhases) {
        std::string lines;
        for (const auto& item : policy.checklist) {
            if (item.phase != phase || !item.applies_to(inc.severity)) continue;
            bool done = ticked(ticks, item.id);
            lines += std::string("\n") + (done ? "☑ " : "☐ ") + item.text;
            if (item.id == "bridge" && !inc.bridge_url.empty()) lines += ": " + inc.bridge_url;
            if (!done && item.when == "manual" && open)
                m.buttons.push_back({core::clip_chars("Tick: " + item.text, kMaxButtonChars),
                                     "check " + item.id, chat::ButtonStyle::normal});
        }
        if (!lines.empty()) m.text += "\n*" + std::string(core::phase_title(phase)) + "*" + lines;
    }
    m.footer =
        "Items tick themselves as the incident moves; tick the others with their button "
        "or /incident check <item>.";
    return m;
}

chat::Message help_request(const core::Incident& inc, const core::HelpRequest& request,
                           const core::UserId& asker, const core::Policy& policy) {
    chat::Message m;
    std::string owner =
        holder_or(inc, core::Role::tl, holder_or(inc, core::Role::ic, mention(asker)));
    m.text = "*Need support: " + request.area + "* for " + inc.title + " (" + inc.name + ")";
    m.fields.push_back({"What we need", request.area});
    m.fields.push_back({"Why", request.why});
    m.fields.push_back({"Urgency", policy.severity_label(inc.severity)});
    m.fields.push_back({"Owner", owner});
    std::string where = channel_reference(inc);
    if (!inc.bridge_url.empty()) where += " · bridge " + inc.bridge_url;
    m.fields.push_back({"Where to join", where});
    if (inc.is_private)
        m.footer = "The incident is private: ask " + owner + " to invite you.";
    else
        m.buttons.push_back({"Join", "join " + inc.name, chat::ButtonStyle::primary});
    if (inc.is_drill) m.footer += std::string(m.footer.empty() ? "" : " ") + "This is a drill.";
    return m;
}

chat::Message joining(const core::Incident& inc) {
    chat::Message m;
    m.text = "Adding you to " + channel_reference(inc) + " for " + inc.title + ".";
    return m;
}

chat::Message stakeholder_declared(const core::Incident& inc, const ServiceSettings& settings) {
    const core::Policy& policy = settings.policy;
    chat::Message m;
    m.text = "*Incident declared: " + inc.title + "*";
    std::string impact =
        inc.impact.who_affected.empty() ? inc.impact.what_broken : inc.impact.who_affected;
    m.fields.push_back(
        {"What", inc.impact.what_broken.empty() ? inc.title : inc.impact.what_broken});
    m.fields.push_back({"Impact", impact.empty() ? "not yet known" : impact});
    m.fields.push_back(
        {"Since", core::format_time(inc.impact.started_at.value_or(inc.milestones.declared_at))});
    m.fields.push_back({"Severity", policy.severity_label(inc.severity)});
    m.fields.push_back({"Current action", std::string(core::to_string(inc.status))});
    m.fields.push_back({"Next update", inc.next_update_due
                                           ? core::format_clock(*inc.next_update_due)
                                           : std::string("no fixed time")});
    std::string roles;
    for (core::Role r : core::kAllRoles)
        roles += (roles.empty() ? "" : ", ") + short_role_name(r) + " " +
                 holder_or(inc, r, "unassigned");
    m.fields.push_back({"Roles", roles});
    if (inc.is_drill) m.footer = "This is a drill.";
    return m;
}

chat::Message stakeholder_update(const core::Incident& inc, const core::StatusUpdate& update,
                                 int number) {
    chat::Message m;
    m.text = "*Update #" + std::to_string(number) + " — " + core::format_clock(update.posted_at) +
             ": " + std::string(core::to_string(inc.status)) + "* (" + inc.title + ")\n" +
             update.text + "\nNext update: " +
             (inc.next_update_due ? core::format_clock(*inc.next_update_due)
                                  : std::string("no fixed time")) +
             ".";
    if (inc.is_drill) m.footer = "This is a drill.";
    return m;
}

chat::Message stakeholder_resolved(const core::Incident& inc, const ServiceSettings& settings,
                                   const std::string& text) {
    chat::Message m;
    const auto& ms = inc.milestones;
    core::Timestamp start = inc.impact.started_at.value_or(ms.declared_at);
    m.text =
        "*Resolved: " + inc.title + "*" +
        (ms.resolved_at ? " at " + core::format_clock(*ms.resolved_at) + ", " +
                              core::format_duration(*ms.resolved_at - start) + " after it began"
                        : std::string()) +
        "." + (text.empty() ? "" : " " + text);
    auto values = template_values(inc, settings);
    if (!values["review_due"].empty())
        m.text += "\nBlameless review due by " + values["review_due"] + ".";
    if (inc.is_drill) m.footer = "This is a drill.";
    return m;
}

}  // namespace firebreak::app::views
