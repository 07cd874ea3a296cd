// The status page in Statuspage's public JSON (reference/statuspage.md): same paths, same
// field names and values, so existing Statuspage consumers read it unchanged.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "status_model.hpp"

namespace firebreak::web::detail {
namespace {

using nlohmann::json;

constexpr const char* kPageId = "firebreak";

std::string dump(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

json optional_time(const PageModel& m, const std::optional<core::Timestamp>& t) {
    return t ? json(iso(m, *t)) : json(nullptr);
}

json text_or_null(const std::string& text) {
    return text.empty() ? json(nullptr) : json(text);
}

std::string group_id(const std::string& group) {
    std::string id = "group-";
    for (char c : group) {
        bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a'), keep = true;
        id += keep ? c : '-';
    }
    return id;
}

json page(const PageModel& m) {
    return {{"id", kPageId},
            {"name", m.settings->title},
            {"url", absolute(*m.settings, "/status")},
            {"time_zone", m.settings->zone.name()},
            {"updated_at", iso(m, m.updated_at)}};
}

json status(const PageModel& m) {
    return {{"indicator", m.indicator}, {"description", m.description}};
}

json component(const PageModel& m, const ComponentState& c) {
    const auto& def = *c.component;
    return {{"id", def.id},
            {"name", def.name},
            {"status", c.status},
            {"description", text_or_null(def.description)},
            {"position", c.position},
            {"group_id", def.group.empty() ? json(nullptr) : json(group_id(def.group))},
            {"group", false},
            {"created_at", iso(m, m.updated_at)},
            {"updated_at", iso(m, m.updated_at)},
            {"showcase", true},
            {"only_show_if_degraded", false},
            {"page_id", kPageId}};
}

json components(const PageModel& m) {
    json out = json::array();
    std::vector<std::string> groups;
    for (const auto& c : m.components) {
        out.push_back(component(m, c));
        const std::string& g = c.component->group;
        if (!g.empty() && std::find(groups.begin(), groups.end(), g) == groups.end())
            groups.push_back(g);
    }
    // A group is a component of its own in Statuspage's JSON, listing its members.
    int position = static_cast<int>(m.components.size());
    for (const auto& g : groups) {
        int worst = 0;
        json members = json::array();
        for (const auto& c : m.components) {
            if (c.component->group != g) continue;
            members.push_back(c.component->id);
            worst = std::max(worst, severity_of(c.status));
        }
        static constexpr const char* kNames[] = {"operational", "degraded_performance",
                                                 "partial_outage", "major_outage"};
        out.push_back({{"id", group_id(g)},
                       {"name", g},
                       {"status", kNames[worst]},
                       {"description", nullptr},
                       {"position", ++position},
                       {"group_id", nullptr},
                       {"group", true},
                       {"components", members},
                       {"created_at", iso(m, m.updated_at)},
                       {"updated_at", iso(m, m.updated_at)},
                       {"showcase", true},
                       {"only_show_if_degraded", false},
                       {"page_id", kPageId}});
    }
    return out;
}

json incident(const PageModel& m, const core::PublishedIncident& inc) {
    const auto& face = inc.face;
    const bool resolved = is_resolved(inc);
    json affected = json::array();
    json comps = json::array();
    for (const auto& a : face.affects) {
        const auto* def = find_component(*m.settings, a.component);
        std::string name = def ? def->name : a.component;
        affected.push_back({{"code", a.component},
                            {"name", name},
                            {"old_status", "operational"},
                            {"new_status", component_status(a.impact)}});
        for (const auto& c : m.components)
            if (c.component->id == a.component) comps.push_back(component(m, c));
    }
    json updates = json::array();
    for (auto it = inc.updates.rbegin(); it != inc.updates.rend(); ++it) {
        const auto& u = *it;
        json update_components = affected;
        if (u.status == core::PublicStatus::resolved)
            for (auto& a : update_components) {
                a["old_status"] = a["new_status"];
                a["new_status"] = "operational";
            }
        std::string at = iso(m, u.posted_at);
        updates.push_back({{"id", face.public_id + "-" + std::to_string(u.id)},
                           {"incident_id", face.public_id},
                           {"status", std::string(core::to_string(u.status))},
                           {"body", u.body},
                           {"created_at", at},
                           {"updated_at", at},
                           {"display_at", at},
                           {"affected_components", update_components}});
    }
    return {{"id", face.public_id},
            {"name", inc.title},
            {"status",
             std::string(core::to_string(face.status.value_or(core::PublicStatus::investigating)))},
            {"impact", incident_impact(inc)},
            {"shortlink", absolute(*m.settings, "/status/incidents/" + face.public_id)},
            {"created_at", iso(m, face.created_at)},
            {"updated_at", iso(m, face.updated_at)},
            {"started_at", iso(m, face.created_at)},
            {"monitoring_at", optional_time(m, face.monitoring_at)},
            {"resolved_at", resolved ? optional_time(m, face.resolved_at) : json(nullptr)},
            {"page_id", kPageId},
            {"incident_updates", updates},
            {"components", comps}};
}

json incident_list(const PageModel& m, const std::vector<const core::PublishedIncident*>& list) {
    json out = json::array();
    for (const auto* inc : list) {
        if (out.size() >= kMaxListedIncidents) break;
        out.push_back(incident(m, *inc));
    }
    return out;
}

}  // namespace

std::string json_summary(const PageModel& m) {
    return dump({{"page", page(m)},
                 {"status", status(m)},
                 {"components", components(m)},
                 {"incidents", incident_list(m, m.unresolved)},
                 {"scheduled_maintenances", json::array()}});
}

std::string json_status(const PageModel& m) {
    return dump({{"page", page(m)}, {"status", status(m)}});
}

std::string json_components(const PageModel& m) {
    return dump({{"page", page(m)}, {"components", components(m)}});
}

std::string json_incidents(const PageModel& m, bool unresolved_only) {
    return dump({{"page", page(m)},
                 {"incidents", incident_list(m, unresolved_only ? m.unresolved : m.incidents)}});
}

std::string json_maintenances(const PageModel& m) {
    return dump({{"page", page(m)}, {"scheduled_maintenances", json::array()}});
}

}  // namespace firebreak::web::detail
