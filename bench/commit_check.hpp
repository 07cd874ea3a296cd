#pragma once
// After the server has stopped: counts what its database holds, to compare with what the
// bench saw acknowledged. Every acknowledged command must have been committed.

#include <cstdint>
#include <string>
#include <vector>

namespace firebreak::bench {

/// Rows the bench's requests leave behind, read with the sqlite3 C API.
struct CommittedRows {
    std::int64_t incidents = 0;         ///< all incidents (warm-up included)
    std::int64_t updates = 0;           ///< timeline_events of kind update_posted
    std::int64_t notes = 0;             ///< timeline_events of kind note
    std::int64_t event_keys = 0;        ///< dedupe_keys of the load's event ids
    std::int64_t captures = 0;          ///< outbox rows of kind slack.capture_message
    std::int64_t outbox_delivered = 0;  ///< outbox rows the worker delivered before the stop
    std::int64_t outbox_failed = 0;     ///< ... gave up on
    std::int64_t outbox_pending = 0;    ///< ... had not reached yet
};

/// Reads `db_path` (read-only). Throws std::runtime_error when it cannot.
CommittedRows count_committed(const std::string& db_path);

/// One line of the check: what was acknowledged, what was committed.
struct CommitCheck {
    std::string what;
    std::int64_t acknowledged = 0;
    std::int64_t committed = 0;
    bool holds() const { return acknowledged == committed; }
};

}  // namespace firebreak::bench
