#pragma once
// The draft's playbook sections: "What we did" (the workstreams) and "Process" (the
// checklist: which items were done, when, and which never were).

#include <string>

#include "firebreak/app/postmortem.hpp"

namespace firebreak::app {

/// Markdown list items, one per workstream: name, owner, state and what it did; "" when
/// none started.
std::string what_we_did_markdown(const IncidentRecord& record);

/// A count, then a table of every item of the incident's checklist with when it was done
/// (and by whom, when by hand), then the items never done.
std::string process_markdown(const IncidentRecord& record, const core::Policy& policy);

/// The same two sections as chat text, for the postmortem posted in the channel.
std::string playbook_sections_text(const core::Incident& incident, const core::Policy& policy,
                                   const std::vector<core::Workstream>& workstreams,
                                   const std::vector<core::ChecklistTick>& ticks);

}  // namespace firebreak::app
