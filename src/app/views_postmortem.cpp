// The postmortem draft: the facts the blameless review starts from.
#include "firebreak/core/clip.hpp"
#include "firebreak/core/review.hpp"
#include "views.hpp"

namespace firebreak::app::views {
namespace {

std::string optional_time(const std::optional<core::Timestamp>& t) {
    return t ? core::format_time(*t) : "—";
}

std::string duration_between(core::Timestamp from, const std::optional<core::Timestamp>& to) {
    return to ? core::format_duration(*to - from) : "—";
}

}  // namespace

chat::Message postmortem(const core::Incident& inc, const core::Policy& policy,
                         const std::vector<core::TimelineEvent>& events,
                         const std::vector<core::Decision>& decisions,
                         const std::vector<core::ActionItem>& action_items) {
    const auto& m = inc.milestones;
    core::Timestamp start = inc.impact.started_at.value_or(m.declared_at);
    std::string t = "*Postmortem draft: " + inc.title + "* (" + inc.name + ")\n";
    t += "\n*Summary*\nSeverity " + policy.severity_label(inc.severity) + ", status " +
         std::string(core::to_string(inc.status)) + ".";
    if (!inc.impact.what_broken.empty()) t += " What broke: " + inc.impact.what_broken + ".";
    if (!inc.impact.who_affected.empty())
        t += " Who was affected: " + inc.impact.who_affected + ".";
    t += "\n\n*Roles*";
    for (core::Role r : core::kAllRoles)
        t += "\n" + policy.role_name(r) + ": " +
             (inc.holder(r) ? core::mention(inc.holder(r)->user) : std::string("unassigned"));
    t += "\n\n*Milestones*\nDeclared " + core::format_time(m.declared_at) + "\nAcknowledged " +
         optional_time(m.acknowledged_at) + " (" +
         duration_between(m.declared_at, m.acknowledged_at) + " after declare)\nMitigated " +
         optional_time(m.mitigated_at) + " (" + duration_between(start, m.mitigated_at) +
         " after impact began)\nResolved " + optional_time(m.resolved_at) + " (" +
         duration_between(start, m.resolved_at) + " after impact began)";
    t += "\n\n*Timeline*";
    for (const auto& e : events)
        if (!core::is_review_material(e.kind))
            t += "\n" + core::format_time(e.at) + "  " +
                 (e.kind == core::EventKind::message_captured ? core::author_label(e.actor) + ": "
                                                              : "") +
                 e.text;
    t += "\n\n*Decisions*";
    if (decisions.empty()) t += "\nNone recorded.";
    for (const auto& d : decisions)
        t += "\n#" + std::to_string(d.number) + " " + d.text + " (" +
             std::string(core::to_string(d.state)) +
             (d.reversibility == core::Reversibility::unstated
                  ? std::string()
                  : ", " + std::string(core::to_string(d.reversibility))) +
             ")";
    t += "\n\n*Action items*";
    if (action_items.empty()) t += "\nNone yet: add them with /incident action.";
    for (const auto& a : action_items)
        t += "\n#" + std::to_string(a.number) + " [" + std::string(core::to_string(a.priority)) +
             "] " + a.text + " — owner " + core::mention(a.owner) + ", due " +
             core::format_date(a.due) + (a.verify.empty() ? "" : ", verify: " + a.verify) + " (" +
             std::string(core::to_string(a.state)) + ")";
    // The review's raw material, recorded with /incident rootcause, factor, wentwell, ...
    for (core::EventKind kind : core::kReviewKinds) {
        t += "\n\n*" + std::string(core::review_label(kind)) + "*";
        bool any = false;
        for (const auto& e : events) {
            if (e.kind != kind) continue;
            t += "\n• " + std::string(core::review_text(e));
            any = true;
        }
        if (!any) t += "\n_to be written in the review_";
    }
    return chat::Message{t, {}, {}, {}, {}};
}

chat::Message postmortem_document(const core::Incident& inc, std::size_t entries) {
    chat::Message m;
    m.text = "*Postmortem draft: " + inc.title + "* (" + inc.name + "), with " +
             std::to_string(entries) + " timeline entries: too long for one message, so the " +
             "whole draft is in the file. The review starts from it.";
    return m;
}

chat::Message postmortem_on_its_way(bool already) {
    chat::Message m;
    m.text = already ? "The postmortem draft is already on its way to this channel as a file; "
                       "it will be here shortly."
                     : "The postmortem draft is too long for one message: it is on its way to "
                       "this channel as a file.";
    return m;
}

std::vector<chat::Message> in_parts(const chat::Message& message) {
    std::vector<chat::Message> parts;
    std::string_view rest = message.text;
    while (!rest.empty()) {
        std::size_t take = rest.size();
        if (take > kMaxPartBytes) {
            std::size_t line_end = rest.rfind('\n', kMaxPartBytes);
            take = line_end != std::string_view::npos && line_end > 0 ? line_end : kMaxPartBytes;
            take = core::prefix_bytes(rest, take).size();
            if (take == 0) take = kMaxPartBytes;  // no character fits: still progress
        }
        chat::Message part;
        part.text =
            std::string(parts.empty() ? "" : "_(continued)_\n") + std::string(rest.substr(0, take));
        parts.push_back(std::move(part));
        rest.remove_prefix(take);
        if (!rest.empty() && rest.front() == '\n') rest.remove_prefix(1);
    }
    if (parts.empty()) parts.emplace_back();
    // Buttons, pickers and the footer belong after the whole text.
    parts.back().fields = message.fields;
    parts.back().buttons = message.buttons;
    parts.back().pickers = message.pickers;
    parts.back().footer = message.footer;
    return parts;
}

}  // namespace firebreak::app::views
