#pragma once
// The reminder benchmark's database: live incidents whose first update nudges fall due spread
// over a measurement window, prepared in-process with a manual clock before serve starts.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "firebreak/core/time.hpp"

namespace firebreak::bench {

struct FixturePlan {
    int incidents = 10000;
    /// The first nudge is due here; the others follow evenly, the last before window_end.
    core::Timestamp window_start{};
    core::Timestamp window_end{};
};

/// One incident's update nudge as the database has it armed.
struct PlannedNudge {
    std::int64_t incident_id = 0;
    std::string severity;
    core::Timestamp due{};
};

/// Creates and migrates the database at `path` and declares plan.incidents incidents (sev1,
/// sev2, sev3 in turn: 15 min, 30 min and 2 h cadences), each one cadence before its first
/// update is due, so that incident i's nudge is due at window_start + i × window / incidents.
/// Each gets a conversation and its outbox is marked delivered. Only the update reminder is
/// armed (the unassigned-role, escalation and handover reminders are off). Returns the armed
/// update_due reminders read back from the database, earliest first; throws when one is not
/// where the plan put it.
std::vector<PlannedNudge> prepare_reminder_database(const std::string& path,
                                                    const FixturePlan& plan);

}  // namespace firebreak::bench
