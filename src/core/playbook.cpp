// The playbook's checklist, workstreams, resolution criteria and bridge as values.
#include "firebreak/core/playbook.hpp"

#include <algorithm>

#include "firebreak/core/naming.hpp"

namespace firebreak::core {

std::string_view to_string(Phase p) {
    switch (p) {
        case Phase::declare:
            return "declare";
        case Phase::triage:
            return "triage";
        case Phase::manage:
            return "manage";
        case Phase::close:
            return "close";
    }
    return "declare";
}

std::optional<Phase> parse_phase(std::string_view text) {
    for (Phase p : kAllPhases)
        if (to_string(p) == text) return p;
    return std::nullopt;
}

std::string_view phase_title(Phase p) {
    switch (p) {
        case Phase::declare:
            return "Declare";
        case Phase::triage:
            return "Triage";
        case Phase::manage:
            return "Manage";
        case Phase::close:
            return "Close";
    }
    return "Declare";
}

bool is_checklist_trigger(std::string_view trigger) {
    return std::find(kChecklistTriggers.begin(), kChecklistTriggers.end(), trigger) !=
           kChecklistTriggers.end();
}

bool ChecklistItem::applies_to(std::string_view severity) const {
    return severities.empty() ||
           std::find(severities.begin(), severities.end(), severity) != severities.end();
}

std::vector<ChecklistItem> playbook_checklist() {
    using P = Phase;
    return {
        {"severity", P::declare, "Severity set", "declared", {}},
        {"ic", P::declare, "Incident Commander assigned", "ic_assigned", {}},
        {"tl", P::declare, "Tech Lead assigned", "tl_assigned", {}},
        {"channel", P::declare, "Incident channel open", "channel_open", {}},
        {"bridge", P::declare, "Video bridge open", "bridge_open", {}},
        {"cadence", P::declare, "Update cadence set", "cadence_set", {}},
        {"broken", P::triage, "What is broken", "what_broken", {}},
        {"affected", P::triage, "Who is affected", "who_affected", {}},
        {"since", P::triage, "Since when", "impact_started", {}},
        {"changes", P::triage, "What changed recently", "recent_changes", {}},
        {"workstreams", P::triage, "Workstreams started", "workstream_started", {}},
        {"decisions", P::manage, "Decisions captured", "decision_logged", {}},
        {"updates", P::manage, "Updates on schedule", "update_on_time", {}},
        {"mitigated", P::manage, "Mitigated declared explicitly", "mitigated", {}},
        {"watch", P::close, "Watch period completed", "watch_completed", {}},
        {"summarised", P::close, "Timeline summarised", "review_started", {}},
        {"review", P::close, "Review scheduled", "manual", {}},
        {"actions", P::close, "Action items with owners and due dates", "action_item_added", {}},
    };
}

std::vector<std::string> playbook_workstreams() {
    return {"mitigation", "diagnosis", "comms", "vendor"};
}

std::vector<std::string> playbook_resolution_checklist() {
    return {"Core user actions succeed", "Errors back to baseline",   "Latency back to baseline",
            "Queues draining",           "No dependency degradation", std::string(kWatchCriterion)};
}

bool observed(std::string_view t, const Incident& inc, const ChecklistFacts& facts) {
    if (t == "declared") return true;
    if (t == "ic_assigned") return inc.holder(Role::ic).has_value();
    if (t == "tl_assigned") return inc.holder(Role::tl).has_value();
    if (t == "comms_assigned") return inc.holder(Role::comms).has_value();
    if (t == "channel_open") return facts.channel_open || !inc.conversation.empty();
    if (t == "bridge_open") return !inc.bridge_url.empty();
    if (t == "cadence_set") return inc.next_update_due.has_value() || facts.cadence_off;
    if (t == "what_broken") return !inc.impact.what_broken.empty();
    if (t == "who_affected") return !inc.impact.who_affected.empty();
    if (t == "impact_started") return inc.impact.started_at.has_value();
    if (t == "recent_changes") return !inc.impact.recent_changes.empty();
    if (t == "workstream_started") return facts.workstream_started;
    if (t == "decision_logged") return facts.decision_logged;
    if (t == "update_on_time") return facts.update_on_time;
    if (t == "mitigated") return inc.milestones.mitigated_at.has_value();
    if (t == "watch_completed") return facts.watch_completed;
    if (t == "review_started") return facts.review_started;
    if (t == "action_item_added") return facts.action_item_added;
    return false;  // manual, or a trigger this version does not know
}

std::vector<const ChecklistItem*> newly_observed(const std::vector<ChecklistItem>& items,
                                                 const Incident& incident,
                                                 const ChecklistFacts& facts,
                                                 const std::vector<ChecklistTick>& ticks) {
    std::vector<const ChecklistItem*> out;
    for (const auto& item : items) {
        if (!item.applies_to(incident.severity)) continue;
        bool ticked = std::any_of(ticks.begin(), ticks.end(),
                                  [&](const ChecklistTick& t) { return t.item == item.id; });
        if (!ticked && observed(item.when, incident, facts)) out.push_back(&item);
    }
    return out;
}

std::string bridge_url(std::string_view pattern, const Incident& incident) {
    std::string out;
    std::size_t i = 0;
    while (i < pattern.size()) {
        if (pattern[i] == '{') {
            std::size_t close = pattern.find('}', i);
            if (close != std::string_view::npos) {
                std::string_view name = pattern.substr(i + 1, close - i - 1);
                if (name == "slug") {
                    out += slugify(incident.title);
                    i = close + 1;
                    continue;
                }
                if (name == "incident") {
                    out += incident.name;
                    i = close + 1;
                    continue;
                }
                if (name == "date") {
                    out += format_compact_date(incident.milestones.declared_at);
                    i = close + 1;
                    continue;
                }
            }
        }
        out += pattern[i++];
    }
    return out;
}

std::optional<std::string> bridge_url_problem(std::string_view url) {
    if (!url.starts_with("https://") && !url.starts_with("http://"))
        return "A bridge is a web address starting with https:// (or http://).";
    if (url.size() > 500) return "A bridge address is at most 500 characters.";
    for (char c : url)
        if (c == ' ' || c == '<' || c == '>' || c == '|' || c == '\n' || c == '\r' || c == '\t')
            return "A bridge address has no spaces and no <, > or |.";
    std::string_view host = url.substr(url.find("//") + 2);
    if (host.empty() || host.front() == '/') return "The bridge address names no host.";
    return std::nullopt;
}

}  // namespace firebreak::core
