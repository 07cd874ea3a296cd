// The whole incident record as JSON, for archiving and for tools the bot does not know.
#include <nlohmann/json.hpp>

#include "firebreak/app/postmortem.hpp"

namespace firebreak::app {
namespace {

using json = nlohmann::ordered_json;  // keys in the order written: incident first

json time_or_null(const std::optional<core::Timestamp>& t) {
    return t ? json(core::format_iso8601(*t)) : json(nullptr);
}

json text_or_null(const std::optional<std::string>& s) {
    return s ? json(*s) : json(nullptr);
}

json incident_json(const core::Incident& inc, const core::Policy& policy) {
    json roles = json::object();
    for (core::Role r : core::kAllRoles) {
        const auto& holder = inc.holder(r);
        roles[std::string(core::to_string(r))] =
            holder ? json{{"user", holder->user}, {"since", core::format_iso8601(holder->since)}}
                   : json(nullptr);
    }
    const auto& m = inc.milestones;
    return json{
        {"id", inc.id},
        {"name", inc.name},
        {"title", inc.title},
        {"platform", inc.platform},
        {"severity", inc.severity},
        {"severity_label", policy.severity_label(inc.severity)},
        {"status", std::string(core::to_string(inc.status))},
        {"roles", roles},
        {"impact",
         {{"what_broken", inc.impact.what_broken},
          {"who_affected", inc.impact.who_affected},
          {"started_at", time_or_null(inc.impact.started_at)},
          {"recent_changes", inc.impact.recent_changes}}},
        {"service", inc.service},
        {"private", inc.is_private},
        {"drill", inc.is_drill},
        {"declared_by", inc.declared_by},
        {"conversation", inc.conversation},
        {"milestones",
         {{"declared_at", core::format_iso8601(m.declared_at)},
          {"acknowledged_at", time_or_null(m.acknowledged_at)},
          {"mitigated_at", time_or_null(m.mitigated_at)},
          {"resolved_at", time_or_null(m.resolved_at)},
          {"closed_at", time_or_null(m.closed_at)},
          {"canceled_at", time_or_null(m.canceled_at)}}},
        {"last_update_at", time_or_null(inc.last_update_at)},
        {"next_update_due", time_or_null(inc.next_update_due)},
    };
}

json event_json(const core::TimelineEvent& e) {
    return json{{"id", e.id},       {"at", core::format_iso8601(e.at)},
                {"actor", e.actor}, {"kind", std::string(core::to_string(e.kind))},
                {"text", e.text},   {"before", e.before},
                {"after", e.after}};
}

json decision_json(const core::Decision& d) {
    return json{{"id", d.id},
                {"number", d.number},
                {"text", d.text},
                {"proposed_by", d.proposed_by},
                {"proposed_at", core::format_iso8601(d.proposed_at)},
                {"ic_ack", text_or_null(d.ic_ack)},
                {"tl_ack", text_or_null(d.tl_ack)},
                {"state", std::string(core::to_string(d.state))},
                {"recorded_at", time_or_null(d.recorded_at)},
                {"reversibility", d.reversibility == core::Reversibility::unstated
                                      ? json()
                                      : json(std::string(core::to_string(d.reversibility)))}};
}

json update_json(const core::StatusUpdate& u) {
    return json{{"id", u.id},
                {"kind", std::string(core::to_string(u.kind))},
                {"text", u.text},
                {"author", u.author},
                {"posted_at", core::format_iso8601(u.posted_at)},
                {"due_at", time_or_null(u.due_at)}};
}

json action_item_json(const core::ActionItem& a) {
    return json{{"id", a.id},
                {"number", a.number},
                {"text", a.text},
                {"owner", a.owner},
                {"due", core::format_date(a.due)},
                {"priority", std::string(core::to_string(a.priority))},
                {"verify", a.verify},
                {"state", std::string(core::to_string(a.state))},
                {"created_by", a.created_by},
                {"created_at", core::format_iso8601(a.created_at)}};
}

json workstream_json(const core::Workstream& w) {
    return json{{"name", w.name},
                {"owner", w.owner},
                {"what", w.what},
                {"state", std::string(core::to_string(w.state))},
                {"note", w.note},
                {"started_at", core::format_iso8601(w.started_at)},
                {"updated_at", core::format_iso8601(w.updated_at)}};
}

json tick_json(const core::ChecklistTick& t) {
    return json{{"item", t.item},
                {"at", core::format_iso8601(t.at)},
                {"by", t.by.empty() ? json() : json(t.by)}};
}

template <class T, class F>
json array_of(const std::vector<T>& items, F to_json) {
    json out = json::array();
    for (const auto& item : items) out.push_back(to_json(item));
    return out;
}

}  // namespace

std::string record_json(const IncidentRecord& record, const core::Policy& policy) {
    json out{{"incident", incident_json(record.incident, policy)},
             {"timeline", array_of(record.timeline, event_json)},
             {"decisions", array_of(record.decisions, decision_json)},
             {"status_updates", array_of(record.status_updates, update_json)},
             {"action_items", array_of(record.action_items, action_item_json)},
             {"workstreams", array_of(record.workstreams, workstream_json)},
             {"checklist", array_of(record.checklist_ticks, tick_json)}};
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace firebreak::app
