#pragma once
// What the status page's documents are rendered from: the published incidents with the
// states derived from them (components, overall indicator, daily history). Private to web.

#include <string>
#include <vector>

#include "firebreak/web/status_site.hpp"

namespace firebreak::web::detail {

/// How many days of history each component shows.
inline constexpr int kHistoryDays = 90;
/// How many days of past incidents /status lists.
inline constexpr int kPastDays = 14;
/// The most incidents the JSON's incidents.json lists (Statuspage's figure).
inline constexpr std::size_t kMaxListedIncidents = 50;

struct ComponentState {
    const core::StatusPageComponent* component = nullptr;
    std::string status;                ///< Statuspage's: operational, degraded_performance, …
    int position = 0;                  ///< 1-based, in config order
    std::vector<std::string> history;  ///< kHistoryDays statuses, oldest first
};

struct PageModel {
    const StatusSiteSettings* settings = nullptr;
    core::Timestamp now{};
    core::Date today{};
    core::Timestamp updated_at{};  ///< the latest change on the page (now when none)
    std::vector<ComponentState> components;
    std::string indicator;                                   ///< none | minor | major | critical
    std::string description;                                 ///< "All Systems Operational", …
    std::vector<const core::PublishedIncident*> incidents;   ///< newest first
    std::vector<const core::PublishedIncident*> unresolved;  ///< newest first
};

PageModel make_model(const StatusSiteSettings& settings,
                     const std::vector<core::PublishedIncident>& incidents, core::Timestamp now);

/// operational < degraded_performance < partial_outage < major_outage.
int severity_of(const std::string& component_status);
/// Statuspage's component status for an impact.
std::string component_status(core::ComponentImpact impact);
/// none | minor | major | critical, from the incident's components.
std::string incident_impact(const core::PublishedIncident& incident);
bool is_resolved(const core::PublishedIncident& incident);
/// "2026-11-22T14:30:00+01:00" in the page's zone.
std::string iso(const PageModel& model, core::Timestamp t);
/// `public_url` + `path`, or `path` alone when no public URL is set.
std::string absolute(const StatusSiteSettings& settings, const std::string& path);
/// The component's config entry, or nullptr.
const core::StatusPageComponent* find_component(const StatusSiteSettings& settings,
                                                const std::string& id);

// The renderers (status_json.cpp, status_html.cpp, status_atom.cpp).
std::string json_summary(const PageModel& model);
std::string json_status(const PageModel& model);
std::string json_components(const PageModel& model);
std::string json_incidents(const PageModel& model, bool unresolved_only);
std::string json_maintenances(const PageModel& model);
std::string html_page(const PageModel& model);
std::string html_incident(const PageModel& model, const core::PublishedIncident& incident);
std::string atom_feed(const PageModel& model);

/// `text` with &, <, >, " and ' escaped for HTML and XML.
std::string escape(std::string_view text);

}  // namespace firebreak::web::detail
