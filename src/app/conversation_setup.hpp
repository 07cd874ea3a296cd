#pragma once
// What follows the creation of an incident's conversation, or its failure for good: the
// announcement that names the real conversation waits for it, and a creation that cannot
// succeed is told to the people who would otherwise wait for a channel that never comes.
// Both read what the declare wrote in the create_conversation payload (outbox_kinds.hpp).

#include <string>
#include <vector>

#include "firebreak/core/time.hpp"
#include "firebreak/store/records.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::app {

/// What a declare leaves for its conversation's creation, and for what follows it.
struct ConversationRequest {
    std::string name;
    bool is_private = false;
    std::string invite;  ///< the declarer, invited into the conversation
    std::string topic;
    std::string origin_conversation;  ///< where it was declared, told if creation fails
    std::string origin_user;
    std::string announce_conversation;         ///< "": not announced
    std::vector<std::string> announce_parts;   ///< views::announcement_parts()
    std::vector<std::string> checklist_ticks;  ///< channel items ticked once it exists
};

/// The create_conversation item's payload: a JSON object with "name", "private",
/// "invite" (an array of one user), "topic", "origin" {"conversation", "user"}, and when
/// set "announce" {"conversation", "parts"} and "checklist_ticks". Written directly, as the
/// same bytes nlohmann::json's dump() writes for it (keys in order), without building a json
/// value on every declare.
std::string creation_payload(const ConversationRequest& request);

/// Records `conversation` as the incident's, created for the create_conversation item
/// `create`, and queues, in `tx`, the announcement the declare left in its payload, now
/// naming the conversation. Again for the same conversation: nothing (a resumed attempt).
/// Throws StoreError when the incident does not exist.
void conversation_created(store::Transaction& tx, const store::OutboxItem& create,
                          const std::string& conversation, core::Timestamp now);

/// Queues, in `tx`, why the conversation of the create_conversation item `create` will
/// never exist: privately to the declarer where they declared, and to the announce
/// conversation when the incident was to be announced there.
void conversation_not_created(store::Transaction& tx, const store::OutboxItem& create,
                              const std::string& error, core::Timestamp now);

}  // namespace firebreak::app
