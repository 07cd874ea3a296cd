// Transaction: the outbox of messages to deliver after commit, and its lanes.
#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "outbox_queries.hpp"

namespace firebreak::store {
namespace {

// Qualified, because outbox_lanes has a platform and a lane too.
constexpr const char* kItemColumns =
    "SELECT outbox.id, outbox.incident_id, outbox.platform, outbox.conversation, outbox.lane, "
    "outbox.kind, outbox.payload, outbox.created_at, outbox.attempts, outbox.next_attempt_at, "
    "outbox.delivered_at, outbox.failed_at, outbox.last_error, outbox.progress, outbox.urgent "
    "FROM ";

OutboxItem read_item(Statement& s) {
    OutboxItem item;
    item.id = s.integer(0);
    if (!s.is_null(1)) item.incident_id = s.integer(1);
    item.platform = s.text(2);
    item.conversation = s.text(3);
    item.lane = s.text(4);
    item.kind = s.text(5);
    item.payload = s.text(6);
    item.created_at = s.time(7);
    item.attempts = static_cast<int>(s.integer(8));
    item.next_attempt_at = s.time(9);
    item.delivered_at = s.optional_time(10);
    item.failed_at = s.optional_time(11);
    item.last_error = s.text(12);
    item.progress = s.text(13);
    item.urgent = s.integer(14) != 0;
    return item;
}

std::vector<OutboxItem> read_items(Statement& s) {
    std::vector<OutboxItem> out;
    while (s.step()) out.push_back(read_item(s));
    s.reset();
    return out;
}

/// The lane an item goes in when the enqueuer names none: its conversation, or its
/// incident's own while it names none (the conversation may not exist yet).
std::string default_lane(const OutboxItem& item) {
    if (!item.conversation.empty()) return "conversation:" + item.conversation;
    return "incident:" + (item.incident_id ? std::to_string(*item.incident_id) : std::string());
}

}  // namespace

namespace outbox_queries {

// CROSS JOIN keeps outbox_lanes the outer table: one primary-key lookup in the outbox
// per lane, whatever the planner guesses about table sizes.
const std::string kPendingHeads =
    std::string(kItemColumns) +
    "outbox_lanes CROSS JOIN outbox ON outbox.id = outbox_lanes.head_id "
    "WHERE outbox_lanes.platform = ? AND outbox_lanes.head_id > ? "
    "ORDER BY outbox_lanes.head_id LIMIT ?";

// From the few pending urgent items to their lanes: only a head may go.
const std::string kUrgentHeads =
    std::string(kItemColumns) +
    "outbox CROSS JOIN outbox_lanes ON outbox_lanes.platform = outbox.platform AND "
    "outbox_lanes.head_id = outbox.id "
    "WHERE outbox.platform = ? AND outbox.urgent = 1 AND outbox.delivered_at IS NULL AND "
    "outbox.failed_at IS NULL ORDER BY outbox.id LIMIT ?";

// The pending condition spelt out lets SQLite use the partial index outbox_pending_by_lane.
const std::string kLaneHead =
    "SELECT id FROM outbox WHERE platform = ? AND lane = ? AND delivered_at IS NULL AND "
    "failed_at IS NULL ORDER BY id LIMIT 1";

}  // namespace outbox_queries

std::string Transaction::platform_of(const OutboxItem& item) {
    if (!item.platform.empty() || !item.incident_id) return item.platform;
    Statement& of = connection_->prepare("SELECT platform FROM incidents WHERE id = ?");
    of.bind(1, *item.incident_id);
    std::string platform = of.step() ? of.text(0) : std::string();
    of.reset();
    return platform;
}

void Transaction::enqueue_replacing(OutboxItem& item) {
    std::string platform = platform_of(item);
    std::string lane = item.lane.empty() ? default_lane(item) : item.lane;
    // The newest untried item of the lane and kind, unless it is the head (which may be
    // in flight right now): found through the pending-by-lane index.
    Statement& find = connection_->prepare(
        "SELECT id FROM outbox WHERE platform = ? AND lane = ? AND kind = ? AND attempts = 0 "
        "AND delivered_at IS NULL AND failed_at IS NULL AND id <> IFNULL((SELECT head_id FROM "
        "outbox_lanes WHERE platform = ? AND lane = ?), 0) ORDER BY id DESC LIMIT 1");
    find.bind(1, platform).bind(2, lane).bind(3, item.kind).bind(4, platform).bind(5, lane);
    std::optional<std::int64_t> waiting;
    if (find.step()) waiting = find.integer(0);
    find.reset();
    if (!waiting) {
        enqueue(item);
        return;
    }
    Statement& replace = connection_->prepare("UPDATE outbox SET payload = ? WHERE id = ?");
    replace.bind(1, item.payload).bind(2, *waiting);
    replace.run();
    item.id = *waiting;
    item.platform = std::move(platform);
    item.lane = std::move(lane);
}

void Transaction::enqueue(OutboxItem& item) {
    std::string platform = platform_of(item);
    if (platform.empty())
        throw StoreError("an outbox item (" + item.kind + ") needs a platform or an incident");
    std::string lane = item.lane.empty() ? default_lane(item) : item.lane;

    Statement& s = connection_->prepare(
        "INSERT INTO outbox(incident_id, platform, conversation, lane, kind, payload, "
        "created_at, next_attempt_at, urgent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, item.incident_id).bind(2, platform).bind(3, item.conversation).bind(4, lane);
    s.bind(5, item.kind).bind(6, item.payload).bind(7, item.created_at);
    s.bind(8, item.next_attempt_at).bind(9, std::int64_t{item.urgent});
    s.run();
    const std::int64_t id = connection_->last_insert_id();

    // A lane that already has a head keeps it: that item is older than this one.
    Statement& head = connection_->prepare(
        "INSERT INTO outbox_lanes(platform, lane, head_id) VALUES (?, ?, ?) "
        "ON CONFLICT(platform, lane) DO NOTHING");
    head.bind(1, platform).bind(2, lane).bind(3, id);
    head.run();

    item.id = id;
    item.platform = std::move(platform);
    item.lane = std::move(lane);
}

void Transaction::advance_lane(std::int64_t id) {
    Statement& of = connection_->prepare(
        "SELECT outbox.platform, outbox.lane, outbox_lanes.head_id FROM outbox LEFT JOIN "
        "outbox_lanes ON outbox_lanes.platform = outbox.platform AND outbox_lanes.lane = "
        "outbox.lane WHERE outbox.id = ?");
    of.bind(1, id);
    if (!of.step()) {
        of.reset();
        return;
    }
    const std::string platform = of.text(0);
    const std::string lane = of.text(1);
    // -1 for "no head row": ids are positive. (A plain value, not an optional: GCC 12 at
    // -O3 warns that an optional compared below may be used uninitialised.)
    const std::int64_t head = of.is_null(2) ? -1 : of.integer(2);
    of.reset();

    // The lane's first pending item, rather than the one after `id`: whatever order the
    // lane's items finish in, the head never points at a finished one.
    Statement& first = connection_->prepare(outbox_queries::kLaneHead);
    first.bind(1, platform).bind(2, lane);
    const std::int64_t next = first.step() ? first.integer(0) : -1;
    first.reset();
    if (next == head) return;

    if (next < 0) {
        Statement& end =
            connection_->prepare("DELETE FROM outbox_lanes WHERE platform = ? AND lane = ?");
        end.bind(1, platform).bind(2, lane);
        end.run();
        return;
    }
    Statement& move = connection_->prepare(
        "INSERT INTO outbox_lanes(platform, lane, head_id) VALUES (?, ?, ?) "
        "ON CONFLICT(platform, lane) DO UPDATE SET head_id = excluded.head_id");
    move.bind(1, platform).bind(2, lane).bind(3, next);
    move.run();
}

std::vector<OutboxItem> Transaction::deliverable(core::Timestamp now, int limit) {
    Statement& s = connection_->prepare(
        std::string(kItemColumns) +
        "outbox WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? "
        "ORDER BY id LIMIT ?");
    s.bind(1, now).bind(2, std::int64_t{limit});
    return read_items(s);
}

std::vector<OutboxItem> Transaction::pending_heads(std::string_view platform, int limit,
                                                   std::int64_t after) {
    Statement& s = connection_->prepare(outbox_queries::kPendingHeads);
    s.bind(1, std::string(platform)).bind(2, after).bind(3, std::int64_t{limit});
    return read_items(s);
}

std::vector<OutboxItem> Transaction::urgent_heads(std::string_view platform, int limit) {
    Statement& s = connection_->prepare(outbox_queries::kUrgentHeads);
    s.bind(1, std::string(platform)).bind(2, std::int64_t{limit});
    return read_items(s);
}

std::optional<OutboxItem> Transaction::outbox_item(std::int64_t id) {
    static const std::string sql = std::string(kItemColumns) + "outbox WHERE id = ?";
    Statement& s = connection_->prepare(sql);
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
    advance_lane(id);
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
    advance_lane(id);
}

bool Transaction::has_pending(std::int64_t incident_id, std::string_view kind) {
    Statement& s = connection_->prepare(
        "SELECT EXISTS(SELECT 1 FROM outbox WHERE incident_id = ? AND kind = ? AND "
        "delivered_at IS NULL AND failed_at IS NULL)");
    s.bind(1, incident_id).bind(2, std::string(kind));
    s.step();
    bool pending = s.integer(0) != 0;
    s.reset();
    return pending;
}

int Transaction::outbox_depth() {
    Statement& s = connection_->prepare(
        "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL");
    s.step();
    int n = static_cast<int>(s.integer(0));
    s.reset();
    return n;
}

int Transaction::outbox_depth(std::string_view platform) {
    Statement& s = connection_->prepare(
        "SELECT COUNT(*) FROM outbox WHERE platform = ? AND delivered_at IS NULL AND "
        "failed_at IS NULL");
    s.bind(1, std::string(platform));
    s.step();
    int n = static_cast<int>(s.integer(0));
    s.reset();
    return n;
}

}  // namespace firebreak::store
