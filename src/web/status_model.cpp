// The status page's derived states: component status, the overall banner, daily history.
#include "status_model.hpp"

#include <algorithm>
#include <chrono>

namespace firebreak::web::detail {
namespace {

constexpr const char* kStatusByRank[] = {"operational", "degraded_performance", "partial_outage",
                                         "major_outage"};

/// When the incident stops counting against its components: its resolution, or never.
core::Timestamp end_of(const core::PublishedIncident& incident, core::Timestamp now) {
    return incident.face.resolved_at && is_resolved(incident) ? *incident.face.resolved_at : now;
}

}  // namespace

int severity_of(const std::string& status) {
    for (int i = 0; i < 4; ++i)
        if (status == kStatusByRank[i]) return i;
    return 0;
}

std::string component_status(core::ComponentImpact impact) {
    switch (impact) {
        case core::ComponentImpact::degraded:
            return "degraded_performance";
        case core::ComponentImpact::partial:
            return "partial_outage";
        case core::ComponentImpact::major:
            return "major_outage";
    }
    return "partial_outage";
}

std::string incident_impact(const core::PublishedIncident& incident) {
    int worst = -1;
    for (const auto& a : incident.face.affects) worst = std::max(worst, static_cast<int>(a.impact));
    switch (worst) {
        case 0:
            return "minor";
        case 1:
            return "major";
        case 2:
            return "critical";
        default:
            return "minor";  // customers were told of an issue, whatever it hits
    }
}

bool is_resolved(const core::PublishedIncident& incident) {
    return incident.face.status == core::PublicStatus::resolved;
}

std::string iso(const PageModel& model, core::Timestamp t) {
    return core::format_iso8601_in(t, model.settings->zone);
}

std::string absolute(const StatusSiteSettings& settings, const std::string& path) {
    std::string base = settings.public_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + path;
}

const core::StatusPageComponent* find_component(const StatusSiteSettings& settings,
                                                const std::string& id) {
    for (const auto& c : settings.components)
        if (c.id == id) return &c;
    return nullptr;
}

PageModel make_model(const StatusSiteSettings& settings,
                     const std::vector<core::PublishedIncident>& incidents, core::Timestamp now) {
    PageModel m;
    m.settings = &settings;
    m.now = now;
    m.today = core::local_date(now, settings.zone);
    m.updated_at = now;
    bool any = false;
    for (const auto& incident : incidents) {
        m.incidents.push_back(&incident);
        if (!is_resolved(incident)) m.unresolved.push_back(&incident);
        m.updated_at =
            any ? std::max(m.updated_at, incident.face.updated_at) : incident.face.updated_at;
        any = true;
    }

    const std::chrono::sys_days today{m.today};
    int position = 0;
    for (const auto& component : settings.components) {
        ComponentState state;
        state.component = &component;
        state.position = ++position;
        int current = 0;
        std::vector<int> days(kHistoryDays, 0);
        for (const auto* incident : m.incidents) {
            for (const auto& a : incident->face.affects) {
                if (a.component != component.id) continue;
                int rank = severity_of(component_status(a.impact));
                if (!is_resolved(*incident)) current = std::max(current, rank);
                // Each local day the incident was open on counts at its impact.
                const std::chrono::sys_days first{
                    core::local_date(incident->face.created_at, settings.zone)};
                const std::chrono::sys_days last{
                    core::local_date(end_of(*incident, now), settings.zone)};
                for (int i = 0; i < kHistoryDays; ++i) {
                    const auto day = today - std::chrono::days{kHistoryDays - 1 - i};
                    if (day >= first && day <= last) days[i] = std::max(days[i], rank);
                }
            }
        }
        state.status = kStatusByRank[current];
        for (int rank : days) state.history.emplace_back(kStatusByRank[rank]);
        m.components.push_back(std::move(state));
    }

    int worst = -1;  // none
    for (const auto* incident : m.unresolved) {
        std::string impact = incident_impact(*incident);
        worst = std::max(worst, impact == "minor" ? 0 : impact == "major" ? 1 : 2);
    }
    static constexpr std::pair<const char*, const char*> kIndicators[] = {
        {"minor", "Minor Service Outage"},
        {"major", "Partial System Outage"},
        {"critical", "Major System Outage"},
    };
    if (worst < 0) {
        m.indicator = "none";
        m.description = "All Systems Operational";
    } else {
        m.indicator = kIndicators[worst].first;
        m.description = kIndicators[worst].second;
    }
    return m;
}

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                // Control characters other than tab and line breaks are not XML.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r')
                    out += ' ';
                else
                    out += c;
        }
    }
    return out;
}

}  // namespace firebreak::web::detail
