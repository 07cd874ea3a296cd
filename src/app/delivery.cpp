// DeliveryContext: the reads and writes a platform deliverer makes while it works.
#include "firebreak/app/delivery.hpp"

#include "conversation_setup.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "persistence.hpp"

namespace firebreak::app {
void DeliveryContext::save_progress(const std::string& progress) {
    auto lock = lock_store();
    auto tx = store_.begin();
    tx.save_progress(item_.id, progress);
    tx.commit();
    item_.progress = progress;
}

std::string DeliveryContext::conversation_of(std::int64_t incident_id) {
    auto lock = lock_store();
    auto tx = store_.read();
    auto incident = tx.incident(incident_id);
    return incident ? incident->conversation : std::string();
}

void DeliveryContext::attach_conversation(std::int64_t incident_id,
                                          const std::string& conversation) {
    auto lock = lock_store();
    auto tx = store_.begin();
    if (item_.incident_id == incident_id)
        conversation_created(tx, item_, conversation, now_);
    else
        app::attach_conversation(tx, incident_id, conversation);
    tx.commit();
}

std::optional<store::MessageRef> DeliveryContext::message_ref(std::int64_t incident_id,
                                                              const std::string& purpose) {
    auto lock = lock_store();
    auto tx = store_.read();
    return tx.message_ref(incident_id, purpose);
}

void DeliveryContext::set_message_ref(std::int64_t incident_id, const std::string& purpose,
                                      const store::MessageRef& ref) {
    auto lock = lock_store();
    auto tx = store_.begin();
    tx.set_message_ref(incident_id, purpose, ref);
    tx.commit();
}

bool DeliveryContext::capture_message(std::int64_t incident_id, const CapturedMessage& message) {
    auto lock = lock_store();
    auto tx = store_.begin();
    bool added = record_capture(tx, item_.platform, incident_id, message, now_);
    tx.commit();
    return added;
}

}  // namespace firebreak::app
