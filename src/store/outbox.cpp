// Transaction: the outbox of messages to deliver after commit.
#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::store {

void Transaction::enqueue(OutboxItem& item) {
    Statement& s = connection_->prepare(
        "INSERT INTO outbox(incident_id, conversation, kind, payload, created_at, "
        "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, item.incident_id).bind(2, item.conversation).bind(3, item.kind);
    s.bind(4, item.payload).bind(5, item.created_at).bind(6, item.next_attempt_at);
    s.run();
    item.id = connection_->last_insert_id();
}

namespace {

constexpr const char* kItemColumns =
    "SELECT id, incident_id, conversation, kind, payload, created_at, attempts, "
    "next_attempt_at, delivered_at, failed_at, last_error, progress FROM outbox ";

OutboxItem read_item(Statement& s) {
    OutboxItem item;
    item.id = s.integer(0);
    if (!s.is_null(1)) item.incident_id = s.integer(1);
    item.conversation = s.text(2);
    item.kind = s.text(3);
    item.payload = s.text(4);
    item.created_at = s.time(5);
    item.attempts = static_cast<int>(s.integer(6));
    item.next_attempt_at = s.time(7);
    item.delivered_at = s.optional_time(8);
    item.failed_at = s.optional_time(9);
    item.last_error = s.text(10);
    item.progress = s.text(11);
    return item;
}

std::vector<OutboxItem> read_items(Statement& s) {
    std::vector<OutboxItem> out;
    while (s.step()) out.push_back(read_item(s));
    s.reset();
    return out;
}

}  // namespace

std::vector<OutboxItem> Transaction::deliverable(core::Timestamp now, int limit) {
    Statement& s = connection_->prepare(
        std::string(kItemColumns) +
        "WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? "
        "ORDER BY id LIMIT ?");
    s.bind(1, now).bind(2, std::int64_t{limit});
    return read_items(s);
}

std::vector<OutboxItem> Transaction::pending(int limit) {
    Statement& s = connection_->prepare(
        std::string(kItemColumns) +
        "WHERE delivered_at IS NULL AND failed_at IS NULL ORDER BY id LIMIT ?");
    s.bind(1, std::int64_t{limit});
    return read_items(s);
}

std::vector<OutboxItem> Transaction::pending_heads(int limit) {
    // The first undelivered item of each target: the conversation, or the incident's own
    // while an item names none.
    Statement& s = connection_->prepare(
        std::string(kItemColumns) +
        "WHERE id IN (SELECT MIN(id) FROM outbox WHERE delivered_at IS NULL AND failed_at IS "
        "NULL GROUP BY CASE WHEN conversation = '' THEN 'i:' || IFNULL(incident_id, '') "
        "ELSE 'c:' || conversation END) ORDER BY id LIMIT ?");
    s.bind(1, std::int64_t{limit});
    return read_items(s);
}

std::optional<OutboxItem> Transaction::outbox_item(std::int64_t id) {
    Statement& s = connection_->prepare(std::string(kItemColumns) + "WHERE id = ?");
    s.bind(1, id);
    auto items = read_items(s);
    if (items.empty()) return std::nullopt;
    return std::move(items.front());
}

void Transaction::save_progress(std::int64_t id, const std::string& progress) {
    Statement& s = connection_->prepare("UPDATE outbox SET progress = ? WHERE id = ?");
    s.bind(1, progress).bind(2, id);
    s.run();
}

void Transaction::set_message_ref(std::int64_t incident_id, const std::string& purpose,
                                  const MessageRef& ref) {
    Statement& s = connection_->prepare(
        "INSERT INTO message_refs(incident_id, purpose, conversation, ref) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(incident_id, purpose) DO UPDATE SET conversation = excluded.conversation, "
        "ref = excluded.ref");
    s.bind(1, incident_id).bind(2, purpose).bind(3, ref.conversation).bind(4, ref.ref);
    s.run();
}

std::optional<MessageRef> Transaction::message_ref(std::int64_t incident_id,
                                                   const std::string& purpose) {
    Statement& s = connection_->prepare(
        "SELECT conversation, ref FROM message_refs WHERE incident_id = ? AND purpose = ?");
    s.bind(1, incident_id).bind(2, purpose);
    std::optional<MessageRef> out;
    if (s.step()) out = MessageRef{s.text(0), s.text(1)};
    s.reset();
    return out;
}

void Transaction::mark_delivered(std::int64_t id, core::Timestamp at) {
    Statement& s = connection_->prepare(
        "UPDATE outbox SET delivered_at = ?, attempts = attempts + 1 WHERE id = ?");
    s.bind(1, at).bind(2, id);
    s.run();
}

void Transaction::mark_retry(std::int64_t id, core::Timestamp next_attempt_at,
                             const std::string& error) {
    Statement& s = connection_->prepare(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? "
        "WHERE id = ?");
    s.bind(1, next_attempt_at).bind(2, error).bind(3, id);
    s.run();
}

void Transaction::mark_failed(std::int64_t id, core::Timestamp at, const std::string& error) {
    Statement& s = connection_->prepare(
        "UPDATE outbox SET attempts = attempts + 1, failed_at = ?, last_error = ? WHERE id = ?");
    s.bind(1, at).bind(2, error).bind(3, id);
    s.run();
}

int Transaction::outbox_depth() {
    Statement& s = connection_->prepare(
        "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL");
    s.step();
    int n = static_cast<int>(s.integer(0));
    s.reset();
    return n;
}

}  // namespace firebreak::store
