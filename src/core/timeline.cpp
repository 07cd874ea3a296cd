#include "firebreak/core/timeline.hpp"

#include <array>
#include <utility>

namespace firebreak::core {
namespace {

constexpr std::array<std::pair<EventKind, std::string_view>, 31> kEventKinds{{
    {EventKind::declared, "declared"},
    {EventKind::severity_changed, "severity_changed"},
    {EventKind::role_assigned, "role_assigned"},
    {EventKind::role_handed_over, "role_handed_over"},
    {EventKind::status_changed, "status_changed"},
    {EventKind::update_posted, "update_posted"},
    {EventKind::no_change_posted, "no_change_posted"},
    {EventKind::update_snoozed, "update_snoozed"},
    {EventKind::note, "note"},
    {EventKind::decision_proposed, "decision_proposed"},
    {EventKind::decision_acknowledged, "decision_acknowledged"},
    {EventKind::decision_recorded, "decision_recorded"},
    {EventKind::action_item_added, "action_item_added"},
    {EventKind::action_item_changed, "action_item_changed"},
    {EventKind::reminder_sent, "reminder_sent"},
    {EventKind::impact_recorded, "impact_recorded"},
    {EventKind::root_cause_recorded, "root_cause_recorded"},
    {EventKind::contributing_factor_recorded, "contributing_factor_recorded"},
    {EventKind::went_well_recorded, "went_well_recorded"},
    {EventKind::went_badly_recorded, "went_badly_recorded"},
    {EventKind::review_started, "review_started"},
    {EventKind::message_captured, "message_captured"},
    {EventKind::published, "published"},
    {EventKind::status_page_changed, "status_page_changed"},
    {EventKind::bridge_set, "bridge_set"},
    {EventKind::workstream_changed, "workstream_changed"},
    {EventKind::checklist_ticked, "checklist_ticked"},
    {EventKind::help_requested, "help_requested"},
    {EventKind::help_joined, "help_joined"},
    {EventKind::resolution_checked, "resolution_checked"},
    {EventKind::stakeholders_notified, "stakeholders_notified"},
}};

}  // namespace

std::string_view to_string(EventKind k) {
    for (const auto& [kind, name] : kEventKinds)
        if (kind == k) return name;
    return "note";
}

std::optional<EventKind> parse_event_kind(std::string_view text) {
    for (const auto& [kind, name] : kEventKinds)
        if (name == text) return kind;
    return std::nullopt;
}

}  // namespace firebreak::core
