#pragma once
// Writing a committed-to-be change into a transaction: state, timeline, records,
// the re-timed update reminder, and the summary refresh in the outbox.

#include "firebreak/app/delivery.hpp"
#include "firebreak/app/incident_service.hpp"
#include "firebreak/chat/message.hpp"
#include "firebreak/core/reminder_plan.hpp"
#include "firebreak/core/rules.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::app {

/// The one way an outbox item is made: for `platform`'s deliverer, due now. `conversation`
/// "" means the incident's own; `incident_id` is empty for items of no incident.
store::OutboxItem outbox_item(std::string_view platform, std::optional<std::int64_t> incident_id,
                              const std::string& conversation, std::string_view kind,
                              std::string payload, core::Timestamp now);

/// A chat message only `user` sees, in `conversation`: urgent, on a lane of its own so it
/// never waits behind the conversation's posts.
store::OutboxItem private_message_item(std::string_view platform, const std::string& conversation,
                                       const std::string& user, const chat::Message& message,
                                       core::Timestamp now);

/// Queues `item` (sets its id).
void enqueue(store::Transaction& tx, store::OutboxItem item);

/// Queues a chat message for the outbox, as outbox_item() describes.
void enqueue_message(store::Transaction& tx, std::string_view platform,
                     std::optional<std::int64_t> incident_id, const std::string& conversation,
                     std::string_view kind, const chat::Message& message, core::Timestamp now);

/// Adds a captured chat message to the incident's timeline unless that message is already
/// there. True when it was added.
bool record_capture(store::Transaction& tx, std::string_view platform, std::int64_t incident_id,
                    const CapturedMessage& message, core::Timestamp now);

/// Writes everything `change` holds for an incident that already exists, and re-times its
/// reminders as core::plan_reminders says. The update reminder is re-timed only when the
/// change moved the next update due time, so a nudge re-armed while overdue is not reset
/// by a note.
void persist_change(store::Transaction& tx, const core::Incident& before, core::Change& change,
                    const ServiceSettings& settings, core::Timestamp now);

/// Records the conversation a platform created for an incident. Throws StoreError when
/// there is no such incident.
void attach_conversation(store::Transaction& tx, std::int64_t incident_id,
                         const std::string& conversation);

/// Writes `plan` into the incident's reminder rows.
void apply_reminder_plan(store::Transaction& tx, std::int64_t incident_id,
                         const std::vector<core::ReminderPlan>& plan);

}  // namespace firebreak::app
