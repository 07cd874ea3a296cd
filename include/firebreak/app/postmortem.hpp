#pragma once
// The postmortem export: an incident's whole record, and the two ways it leaves the bot
// (`firebreak export ID --format md|json`). The renderers are pure functions of the
// records, so the same record always gives the same bytes.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firebreak/core/incident.hpp"
#include "firebreak/core/playbook.hpp"
#include "firebreak/core/policy.hpp"
#include "firebreak/core/timeline.hpp"

namespace firebreak::store {
class Transaction;
}  // namespace firebreak::store

namespace firebreak::app {

/// Everything stored about one incident.
struct IncidentRecord {
    core::Incident incident;
    std::vector<core::TimelineEvent> timeline;  ///< in the order it was appended
    std::vector<core::Decision> decisions;
    std::vector<core::StatusUpdate> status_updates;
    std::vector<core::ActionItem> action_items;
    std::vector<core::Workstream> workstreams = {};
    std::vector<core::ChecklistTick> checklist_ticks = {};  ///< in the order they were ticked
};

/// Loads the incident `id_or_name` names: its numeric id ("12") or its name
/// ("inc-20261122-checkout-errors"). nullopt when there is no such incident.
std::optional<IncidentRecord> load_record(store::Transaction& tx, std::string_view id_or_name);

/// The blameless review's starting point in Markdown: Summary, Customer impact, Timeline
/// (timestamped facts only), Root cause, Contributing factors, What went well, What did
/// not, What we did (the workstreams), Action items, Roles, Milestones, Process (which
/// checklist items were done, when, and which never were). A section with no material
/// says so, so the
/// review knows what is left to write. Times are UTC.
std::string postmortem_markdown(const IncidentRecord& record, const core::Policy& policy);

/// The whole record as pretty-printed JSON (2-space indent, trailing newline): the
/// incident with every field and milestone, timeline, decisions, status updates and
/// action items. Times are ISO 8601 UTC strings, absent ones null. Invalid UTF-8 in
/// stored text is replaced, never an error.
std::string record_json(const IncidentRecord& record, const core::Policy& policy);

}  // namespace firebreak::app
