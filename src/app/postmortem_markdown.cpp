// The postmortem draft in Markdown, in the playbook's order. Everything here is derived
// from the stored record; what the record does not hold is marked as not yet written.
#include <algorithm>
#include <string>
#include <utility>

#include "firebreak/app/postmortem.hpp"
#include "firebreak/core/review.hpp"
#include "postmortem_playbook.hpp"

namespace firebreak::app {
namespace {

constexpr std::string_view kNotYetWritten = "_Not yet written._";

/// Chat mention markup made readable: "<@U123>" → "@U123", "<@U123|jane>" → "@jane".
std::string plain_mentions(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t open = text.find("<@", i);
        if (open == std::string_view::npos) break;
        const std::size_t close = text.find('>', open + 2);
        if (close == std::string_view::npos) break;
        std::string_view inner = text.substr(open + 2, close - open - 2);
        if (const std::size_t bar = inner.find('|'); bar != std::string_view::npos)
            inner.remove_prefix(bar + 1);
        out.append(text.substr(i, open - i));
        if (inner.empty() || inner.find_first_of("<\n") != std::string_view::npos) {
            out.append(text.substr(open, close + 1 - open));  // not a mention: keep it as is
        } else {
            out += '@';
            out.append(inner);
        }
        i = close + 1;
    }
    out.append(text.substr(i));
    return out;
}

/// A list item; later lines of a multi-line text are indented to stay inside it.
std::string bullet(std::string_view text) {
    std::string out = "- ";
    for (char c : plain_mentions(text)) {
        out += c;
        if (c == '\n') out += "  ";
    }
    return out + "\n";
}

/// Text for one table cell: on one line, with the column separator escaped.
std::string cell(std::string_view text) {
    std::string out;
    for (char c : plain_mentions(text)) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n' || c == '\r')
            out += ' ';
        else
            out += c;
    }
    return out;
}

std::string section(std::string_view heading, const std::string& body) {
    return "## " + std::string(heading) + "\n\n" +
           (body.empty() ? std::string(kNotYetWritten) + "\n" : body) + "\n";
}

/// The review material of `kind` as list items, in the order it was recorded.
std::string review_items(const IncidentRecord& record, core::EventKind kind) {
    std::string body;
    for (const auto& e : record.timeline)
        if (e.kind == kind) body += bullet(core::review_text(e));
    return body;
}

/// Facts of the incident: not review material, and not the bot's own bookkeeping.
bool is_fact(const core::TimelineEvent& e) {
    return !core::is_review_material(e.kind) && e.kind != core::EventKind::reminder_sent &&
           e.kind != core::EventKind::update_snoozed;
}

/// Where durations to mitigation and resolution are measured from: when customers were
/// first hurt if known, else the declaration. Returns the time and how to say it.
std::pair<core::Timestamp, std::string_view> impact_start(const core::Incident& inc) {
    if (inc.impact.started_at) return {*inc.impact.started_at, "impact began"};
    return {inc.milestones.declared_at, "declared"};
}

std::string duration_text(const core::Incident& inc) {
    const auto& m = inc.milestones;
    const auto [start, from] = impact_start(inc);
    if (m.canceled_at)
        return "canceled " + core::format_duration(*m.canceled_at - m.declared_at) +
               " after it was declared";
    if (!m.resolved_at)
        return "not resolved yet (declared " + core::format_time(m.declared_at) + ")";
    return core::format_duration(*m.resolved_at - start) + ", from " + std::string(from) + " (" +
           core::format_time(start) + ") to resolved (" + core::format_time(*m.resolved_at) + ")";
}

std::string summary(const IncidentRecord& record, const core::Policy& policy) {
    const core::Incident& inc = record.incident;
    std::string what = inc.title;
    if (!inc.impact.what_broken.empty()) what += ". " + inc.impact.what_broken;
    std::string impact = inc.impact.who_affected;
    if (impact.empty()) {
        auto first =
            std::find_if(record.timeline.begin(), record.timeline.end(),
                         [](const auto& e) { return e.kind == core::EventKind::impact_recorded; });
        if (first != record.timeline.end()) impact = std::string(core::review_text(*first));
    }
    std::string body;
    body += bullet("**What happened:** " + what);
    body += bullet("**Impact:** " + (impact.empty() ? std::string(kNotYetWritten) : impact));
    body += bullet("**Duration:** " + duration_text(inc));
    body += bullet("**Severity:** " + policy.severity_label(inc.severity));
    body += bullet("**Status:** " + std::string(core::to_string(inc.status)));
    if (!inc.service.empty()) body += bullet("**Service:** " + inc.service);
    if (inc.is_drill) body += bullet("**Drill:** yes, this was an exercise");
    return body;
}

std::string customer_impact(const IncidentRecord& record) {
    const core::Impact& impact = record.incident.impact;
    std::string body;
    if (!impact.what_broken.empty()) body += bullet("What broke: " + impact.what_broken);
    if (!impact.who_affected.empty()) body += bullet("Who was affected: " + impact.who_affected);
    if (impact.started_at) body += bullet("Impact began: " + core::format_time(*impact.started_at));
    return body + review_items(record, core::EventKind::impact_recorded);
}

std::string timeline(const IncidentRecord& record) {
    std::string body;
    for (const auto& e : record.timeline)
        if (is_fact(e))
            body += bullet(core::format_time(e.at) + " — " +
                           (e.kind == core::EventKind::update_posted ? "Status update: " : "") +
                           // A message marked in the channel says who wrote it: a person's
                           // mention (made plain), another app's name.
                           (e.kind == core::EventKind::message_captured
                                ? core::author_label(e.actor) + ": "
                                : "") +
                           e.text);
    return body;
}

std::string action_items(const IncidentRecord& record) {
    if (record.action_items.empty()) return "";
    std::string body =
        "| # | Action | Owner | Due | Priority | How we verify | State |\n"
        "|---|---|---|---|---|---|---|\n";
    for (const auto& a : record.action_items)
        body += "| " + std::to_string(a.number) + " | " + cell(a.text) + " | " +
                cell(core::mention(a.owner)) + " | " + core::format_date(a.due) + " | " +
                std::string(core::to_string(a.priority)) + " | " +
                (a.verify.empty() ? std::string("_not set_") : cell(a.verify)) + " | " +
                std::string(core::to_string(a.state)) + " |\n";
    return body;
}

std::string roles(const core::Incident& inc, const core::Policy& policy) {
    std::string body;
    for (core::Role r : core::kAllRoles) {
        const auto& holder = inc.holder(r);
        body += bullet(policy.role_name(r) + ": " +
                       (holder ? core::mention(holder->user) + " (since " +
                                     core::format_time(holder->since) + ")"
                               : std::string("unassigned")));
    }
    return body;
}

std::string milestone_row(std::string_view name, const std::optional<core::Timestamp>& at,
                          core::Timestamp from, std::string_view from_name) {
    if (!at) return "| " + std::string(name) + " | — | — |\n";
    return "| " + std::string(name) + " | " + core::format_time(*at) + " | " +
           core::format_duration(*at - from) + " after " + std::string(from_name) + " |\n";
}

std::string milestones(const core::Incident& inc) {
    const auto& m = inc.milestones;
    const auto [start, from] = impact_start(inc);
    std::string body =
        "| Milestone | Time | Duration |\n"
        "|---|---|---|\n"
        "| Declared | " +
        core::format_time(m.declared_at) + " | — |\n";
    body += milestone_row("Acknowledged", m.acknowledged_at, m.declared_at, "declared");
    body += milestone_row("Mitigated", m.mitigated_at, start, from);
    body += milestone_row("Resolved", m.resolved_at, start, from);
    if (m.closed_at) body += milestone_row("Closed", m.closed_at, m.declared_at, "declared");
    if (m.canceled_at) body += milestone_row("Canceled", m.canceled_at, m.declared_at, "declared");
    return body;
}

}  // namespace

std::string postmortem_markdown(const IncidentRecord& record, const core::Policy& policy) {
    const core::Incident& inc = record.incident;
    std::string md = "# Postmortem: " + cell(inc.title) + "\n\n";
    md += "`" + inc.name + "` · " + policy.severity_label(inc.severity) + " · " +
          std::string(core::to_string(inc.status)) + "\n\n";
    md +=
        "_A draft from the incident's record. The review is blameless: it asks what "
        "happened and why, never who is to blame. All times are UTC._\n\n";
    md += section("Summary", summary(record, policy));
    md += section("Customer impact", customer_impact(record));
    md += section("Timeline", timeline(record));
    md += section("Root cause", review_items(record, core::EventKind::root_cause_recorded));
    md += section("Contributing factors",
                  review_items(record, core::EventKind::contributing_factor_recorded));
    md += section("What went well", review_items(record, core::EventKind::went_well_recorded));
    md +=
        section("What did not go well", review_items(record, core::EventKind::went_badly_recorded));
    md += section("What we did", what_we_did_markdown(record));
    md += section("Action items", action_items(record));
    md += section("Roles", roles(inc, policy));
    md += section("Milestones", milestones(inc));
    md += section("Process", process_markdown(record, policy));
    md.pop_back();  // one newline at the end, not a blank line
    return md;
}

}  // namespace firebreak::app
