#pragma once
// Writing a committed-to-be change into a transaction: state, timeline, records,
// the re-timed update reminder, and the summary refresh in the outbox.

#include "firebreak/chat/message.hpp"
#include "firebreak/core/rules.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::app {

/// Queues a chat message for the outbox; `conversation` "" means the incident's own.
void enqueue_message(store::Transaction& tx, std::int64_t incident_id,
                     const std::string& conversation, std::string_view kind,
                     const chat::Message& message, core::Timestamp now);

/// Writes everything `change` holds for an incident that already exists.
void persist_change(store::Transaction& tx, core::Change& change, const core::Policy& policy,
                    core::Timestamp now);

}  // namespace firebreak::app
