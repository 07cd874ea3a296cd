#pragma once
// Rows of the store's own tables (not domain records).

#include <cstdint>
#include <optional>
#include <string>

#include "firebreak/core/time.hpp"

namespace firebreak::store {

/// A reminder row: fires once at `due_at` unless re-timed first.
struct Reminder {
    std::int64_t id = 0;
    std::int64_t incident_id = 0;
    std::string kind;  ///< "update_due", ...
    core::Timestamp due_at{};
    std::optional<core::Timestamp> fired_at;
};

/// A message waiting to be delivered to a chat platform after its transaction committed.
struct OutboxItem {
    std::int64_t id = 0;
    std::optional<std::int64_t> incident_id;
    /// "slack", "teams", "console": whose deliverer sends it; "" on enqueue = its incident's
    std::string platform;
    std::string conversation;  ///< target; "" means the incident's own conversation
    /// Ordering lane: items of one lane go in id order, lanes concurrently. "" on enqueue =
    /// the default (its conversation, or its incident's own while it names none).
    std::string lane;
    /// Time-critical (opening a form, an ephemeral reply): set by the enqueuer, read by the
    /// worker.
    bool urgent = false;
    std::string kind;     ///< what to do: "create_conversation", "post", ...
    std::string payload;  ///< JSON
    core::Timestamp created_at{};
    int attempts = 0;
    core::Timestamp next_attempt_at{};
    std::optional<core::Timestamp> delivered_at;
    std::optional<core::Timestamp> failed_at;
    std::string last_error;
    /// Steps of a multi-step item already done, as the deliverer recorded them (JSON).
    std::string progress = "{}";
};

/// A message the bot posted and must find again (e.g. the pinned summary it edits).
struct MessageRef {
    std::string conversation;
    std::string ref;  ///< the platform's id for the message (a Slack ts)
};

}  // namespace firebreak::store
