// Rules for the rest of the playbook: the bridge, workstreams, checklist ticks by hand,
// help requests, joining through one, and the resolution criteria at resolve.
#include <algorithm>

#include "rules_internal.hpp"

namespace firebreak::core::detail {
namespace {

std::string known_workstreams(const Policy& policy) {
    std::string out;
    for (const auto& name : policy.workstreams) out += (out.empty() ? "" : ", ") + name;
    return out.empty() ? "none are configured" : out;
}

std::optional<Refusal> refuse_unless_live(const Incident& inc, std::string_view what) {
    if (is_live(inc.status)) return std::nullopt;
    return Refusal{"The incident is " + std::string(to_string(inc.status)) + "; " +
                   std::string(what) + " are for live incidents."};
}

const Workstream* find_workstream(const IncidentState& state, const std::string& name) {
    auto it = std::find_if(state.workstreams.begin(), state.workstreams.end(),
                           [&](const Workstream& w) { return w.name == name; });
    return it == state.workstreams.end() ? nullptr : &*it;
}

}  // namespace

Outcome set_bridge(const IncidentState& state, const cmd::SetBridge& c, const Context& ctx) {
    const Incident& inc = state.incident;
    if (auto r = refuse_if_finished(inc)) return *r;
    if (auto problem = bridge_url_problem(c.url)) return Refusal{*problem};
    if (inc.bridge_url == c.url) return Refusal{"The bridge is already " + c.url + "."};
    Change change = start(state);
    change.incident.bridge_url = c.url;
    record(change, ctx, EventKind::bridge_set,
           (inc.bridge_url.empty() ? "Video bridge: " : "Video bridge moved to: ") + c.url,
           inc.bridge_url, c.url);
    return change;
}

Outcome start_workstream(const IncidentState& state, const cmd::StartWorkstream& c,
                         const Context& ctx) {
    const Incident& inc = state.incident;
    if (auto r = refuse_unless_live(inc, "workstreams")) return *r;
    const Policy& policy = *ctx.policy;
    if (std::find(policy.workstreams.begin(), policy.workstreams.end(), c.name) ==
        policy.workstreams.end())
        return Refusal{"There is no workstream '" + c.name +
                       "'. The workstreams are: " + known_workstreams(policy) + "."};
    if (c.owner.empty()) return Refusal{"A workstream needs one owner."};
    Change change = start(state);
    Workstream w;
    const Workstream* existing = find_workstream(state, c.name);
    std::string text;
    if (existing) {
        w = *existing;
        if (w.owner == c.owner && w.state == WorkstreamState::active &&
            (c.what.empty() || c.what == w.what))
            return Refusal{"The " + c.name + " workstream is already " + mention(c.owner) +
                           "'s and active."};
        text = "Workstream " + c.name + " is now " + mention(c.owner) + "'s" +
               (w.owner != c.owner ? " (was " + mention(w.owner) + ")" : "") +
               (w.state != WorkstreamState::active ? ", active again" : "");
    } else {
        w.incident_id = inc.id;
        w.name = c.name;
        w.started_at = ctx.now;
        text = "Workstream " + c.name + " started, owned by " + mention(c.owner);
    }
    std::string before = existing ? std::string(to_string(existing->state)) : "";
    w.owner = c.owner;
    if (!c.what.empty()) w.what = c.what;
    w.state = WorkstreamState::active;
    w.note.clear();
    w.updated_at = ctx.now;
    text += w.what.empty() ? "." : ": " + w.what + ".";
    record(change, ctx, EventKind::workstream_changed, std::move(text), before, c.name);
    change.workstreams.push_back(std::move(w));
    return change;
}

Outcome update_workstream(const IncidentState& state, const cmd::UpdateWorkstream& c,
                          const Context& ctx) {
    const Incident& inc = state.incident;
    if (auto r = refuse_unless_live(inc, "workstreams")) return *r;
    const Workstream* existing = find_workstream(state, c.name);
    if (!existing) {
        const auto& names = ctx.policy->workstreams;
        if (std::find(names.begin(), names.end(), c.name) == names.end())
            return Refusal{"There is no workstream '" + c.name +
                           "'. The workstreams are: " + known_workstreams(*ctx.policy) + "."};
        return Refusal{"The " + c.name +
                       " workstream has not started: give it an owner with "
                       "/incident workstream " +
                       c.name + " @owner [what]."};
    }
    if (existing->state == WorkstreamState::done)
        return Refusal{"The " + c.name +
                       " workstream is already done; give it an owner to "
                       "start it again."};
    if (existing->state == c.state)
        return Refusal{"The " + c.name + " workstream is already " +
                       std::string(to_string(c.state)) + "."};
    Change change = start(state);
    Workstream w = *existing;
    w.state = c.state;
    w.note = c.text;
    w.updated_at = ctx.now;
    std::string text = "Workstream " + c.name + " (" + mention(w.owner) + ") is " +
                       std::string(to_string(c.state)) + (c.text.empty() ? "." : ": " + c.text);
    record(change, ctx, EventKind::workstream_changed, std::move(text),
           std::string(to_string(existing->state)), c.name);
    change.workstreams.push_back(std::move(w));
    return change;
}

Outcome tick_checklist(const IncidentState& state, const cmd::TickChecklist& c,
                       const Context& ctx) {
    const Incident& inc = state.incident;
    if (auto r = refuse_if_finished(inc)) return *r;
    const auto& items = ctx.policy->checklist;
    auto item = std::find_if(items.begin(), items.end(),
                             [&](const ChecklistItem& i) { return i.id == c.item; });
    if (item == items.end() || !item->applies_to(inc.severity)) {
        std::string ids;
        for (const auto& i : items)
            if (i.applies_to(inc.severity)) ids += (ids.empty() ? "" : ", ") + i.id;
        return Refusal{"This incident's checklist has no item '" + c.item +
                       "'. Its items are: " + (ids.empty() ? std::string("none") : ids) + "."};
    }
    if (std::any_of(state.checklist_ticks.begin(), state.checklist_ticks.end(),
                    [&](const ChecklistTick& t) { return t.item == c.item; }))
        return Refusal{"'" + item->text + "' is already ticked."};
    Change change = start(state);
    change.checklist_ticks.push_back(ChecklistTick{0, inc.id, item->id, ctx.now, ctx.actor});
    record(change, ctx, EventKind::checklist_ticked,
           mention(ctx.actor) + " ticked \"" + item->text + "\" on the checklist.", "", item->id);
    return change;
}

Outcome escalate(const IncidentState& state, const cmd::Escalate& c, const Context& ctx) {
    if (auto r = refuse_unless_live(state.incident, "help requests")) return *r;
    if (c.area.empty() || c.why.empty())
        return Refusal{"Say which area you need and why: /incident escalate <area> <why>."};
    Change change = start(state);
    record(change, ctx, EventKind::help_requested,
           mention(ctx.actor) + " asked for help from " + c.area + ": " + c.why, c.area, "");
    change.help_request = HelpRequest{c.area, c.why};
    return change;
}

Outcome join_incident(const IncidentState& state, const Context& ctx) {
    const Incident& inc = state.incident;
    if (auto r = refuse_unless_live(inc, "help requests")) return *r;
    if (inc.is_private)
        return Refusal{"The incident is private: ask its Incident Commander to invite you."};
    if (inc.conversation.empty())
        return Refusal{"The incident's channel does not exist yet; try again in a moment."};
    Change change = start(state);
    record(change, ctx, EventKind::help_joined,
           mention(ctx.actor) + " joined through the help request.", "", ctx.actor);
    return change;
}

void record_resolution(Change& change, const IncidentState&, const cmd::Resolve& c,
                       const Context& ctx) {
    const auto& criteria = ctx.policy->resolution_checklist;
    if (c.force) {
        record(change, ctx, EventKind::resolution_checked,
               "Resolved with --force, without the resolution criteria" +
                   (c.text.empty() ? std::string(".") : ": " + c.text),
               "", "forced");
        return;
    }
    if (!c.confirmed || criteria.empty()) return;
    std::string confirmed, open;
    for (const auto& criterion : criteria) {
        bool yes =
            std::find(c.confirmed->begin(), c.confirmed->end(), criterion) != c.confirmed->end();
        std::string& list = yes ? confirmed : open;
        list += (list.empty() ? "" : "; ") + criterion;
    }
    std::string text =
        "Resolution criteria confirmed: " + (confirmed.empty() ? std::string("none") : confirmed) +
        ".";
    if (!open.empty()) text += " Not confirmed: " + open + ".";
    record(change, ctx, EventKind::resolution_checked, std::move(text), "",
           open.empty() ? "all" : "some");
}

}  // namespace firebreak::core::detail
