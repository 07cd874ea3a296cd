#pragma once
// Keeping the live checklist current: which items tick themselves after a change, and the
// edit of the pinned checklist message when it changed. Runs in the caller's transaction.

#include <optional>
#include <vector>

#include "firebreak/app/incident_service.hpp"
#include "firebreak/core/playbook.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::app {

/// What the app observes about `incident` for the checklist's triggers. Only the facts
/// that an unticked item of its severity waits for are read from the store.
core::ChecklistFacts checklist_facts(store::Transaction& tx, const core::Incident& incident,
                                     const core::Policy& policy,
                                     const std::vector<core::ChecklistTick>& ticks);

/// Ticks, at `now`, every item of the incident's checklist that now holds; returns the
/// incident's ticks afterwards, in ticking order.
std::vector<core::ChecklistTick> tick_observed(store::Transaction& tx,
                                               const core::Incident& incident,
                                               const core::Policy& policy, core::Timestamp now);

/// tick_observed() for an incident this transaction has just inserted, before anything
/// else refers to it: the same ticks, with no reads.
std::vector<core::ChecklistTick> tick_declared(store::Transaction& tx,
                                               const core::Incident& incident,
                                               const core::Policy& policy, core::Timestamp now);

/// Ticks what now holds and, when the checklist message of `after` differs from that of
/// `before` with `ticks_before`, queues its edit (a newer edit replaces one not yet sent).
void refresh_checklist(store::Transaction& tx, const core::Incident& before,
                       const std::vector<core::ChecklistTick>& ticks_before,
                       const core::Incident& after, const core::Policy& policy,
                       core::Timestamp now);

/// As above, for a change the checklist was not told of beforehand (a reminder fired, the
/// review started): the incident is as it is now.
void refresh_checklist(store::Transaction& tx, const core::Incident& incident,
                       const core::Policy& policy, core::Timestamp now);

}  // namespace firebreak::app
