#pragma once
// A write transaction and the reads and writes an incident command needs. Everything a
// command changes goes through one Transaction: committed together or not at all.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firebreak/core/incident.hpp"
#include "firebreak/core/playbook.hpp"
#include "firebreak/core/status_page.hpp"
#include "firebreak/core/timeline.hpp"
#include "firebreak/store/records.hpp"

namespace firebreak::store {

class Connection;

class Transaction {
  public:
    /// A write transaction (BEGIN IMMEDIATE: it holds the write lock from the start) or,
    /// with `write` false, a read transaction that never blocks the writer (WAL). While a
    /// CommitGroup is open on the connection, a savepoint in the group's transaction
    /// instead (throws StoreError when an earlier error has already rolled the group back).
    explicit Transaction(Connection& connection, bool write = true);
    /// Rolls back unless commit() succeeded.
    ~Transaction();
    Transaction(Transaction&& other) noexcept;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    Transaction& operator=(Transaction&&) = delete;

    /// Makes every write of this transaction durable; in a CommitGroup, keeps them for the
    /// group's commit. Throws StoreError.
    void commit();

    // Incidents (incidents.cpp)
    std::optional<core::Incident> incident(std::int64_t id);
    /// Incident `id`'s conversation ("" while it has none); nullopt when there is no such
    /// incident. One column, for the outbox worker's every pass.
    std::optional<std::string> incident_conversation(std::int64_t id);
    std::optional<core::Incident> incident_by_name(const std::string& name);
    /// The incident run in `conversation` on `platform` (the same id on another platform
    /// is another conversation); nullopt when none is, always for "".
    std::optional<core::Incident> incident_by_conversation(std::string_view platform,
                                                           const std::string& conversation);
    /// Incidents newest first; `live_only` keeps investigating/mitigating/monitoring.
    std::vector<core::Incident> incidents(bool live_only, int limit);
    /// Whether any incident, on any platform, has this name.
    bool name_taken(const std::string& name);
    /// Inserts and sets `incident.id`. Throws StoreError when it names no platform, or its
    /// name or its (platform, conversation) is taken.
    void insert(core::Incident& incident);
    void update(const core::Incident& incident);

    // Timeline (timeline.cpp): append-only.
    void append(std::vector<core::TimelineEvent>& events);
    /// The incident's events in the order they were appended, which is the order they
    /// happened even when a clock was moved by hand between them.
    std::vector<core::TimelineEvent> timeline(std::int64_t incident_id);
    /// The incident's stakeholders_notified events, in order: who was told, read through an
    /// index of their own, whatever the timeline's length.
    std::vector<core::TimelineEvent> stakeholder_notices(std::int64_t incident_id);
    /// The time of the latest event of any incident; nullopt when there is none.
    std::optional<core::Timestamp> latest_event_time();

    // Decisions, action items, status updates
    std::vector<core::Decision> decisions(std::int64_t incident_id);
    /// Inserts a new decision (id 0) or updates an existing one; sets `id`.
    void save(core::Decision& decision);
    std::vector<core::ActionItem> action_items(std::int64_t incident_id);
    int action_item_count(std::int64_t incident_id);
    void insert(core::ActionItem& item);
    /// Writes an existing action item's text, owner, due date, priority, check and state.
    /// Throws StoreError when no item has its id.
    void update(const core::ActionItem& item);
    std::vector<core::StatusUpdate> status_updates(std::int64_t incident_id);
    /// How many status updates the incident has, counted in their index.
    int status_update_count(std::int64_t incident_id);
    void insert(core::StatusUpdate& update);

    // The rest of the playbook (playbook.cpp): workstreams and checklist ticks.
    /// The incident's workstreams, in the order they started.
    std::vector<core::Workstream> workstreams(std::int64_t incident_id);
    /// Inserts a new workstream (id 0) or updates the incident's one of that name; sets id.
    void save(core::Workstream& workstream);
    /// The incident's ticked checklist items, in the order they were ticked.
    std::vector<core::ChecklistTick> checklist_ticks(std::int64_t incident_id);
    /// Records a tick (sets its id); a tick of an item already ticked changes nothing.
    void insert(core::ChecklistTick& tick);

    // Reporting (reporting.cpp): the reads behind `firebreak stats`.
    /// Every incident declared at or after `since`, whatever its status (drills and
    /// canceled ones included), oldest first.
    std::vector<core::Incident> incidents_declared_since(core::Timestamp since);
    /// The status updates of the given incidents, incident by incident in posting order.
    std::vector<core::StatusUpdate> status_updates_of(
        const std::vector<std::int64_t>& incident_ids);
    /// Every action item of every incident, by incident id, then number.
    std::vector<core::ActionItem> all_action_items();
    /// How many incidents are investigating, mitigating and monitoring; a status no
    /// incident is in is absent.
    std::map<core::Status, int> live_incident_counts();

    // Reminders (reminders.cpp)
    /// Sets the (incident, kind) reminder to fire at `due_at`, clearing any earlier
    /// firing; nullopt removes it.
    void set_reminder(std::int64_t incident_id, const std::string& kind,
                      std::optional<core::Timestamp> due_at);
    /// Unfired reminders due at or before `now`, earliest first.
    std::vector<Reminder> due_reminders(core::Timestamp now, int limit);
    std::optional<Reminder> reminder(std::int64_t incident_id, const std::string& kind);
    std::optional<Reminder> reminder_by_id(std::int64_t reminder_id);
    void mark_fired(std::int64_t reminder_id, core::Timestamp at);
    /// When the earliest unfired reminder is due, if any.
    std::optional<core::Timestamp> next_reminder_due();

    // Outbox (outbox.cpp). An item is pending until delivered or failed; the items of a
    // lane go in id order, and each lane with pending items has a head: its first one.
    /// Queues a message; sets `item.id`, and `item.platform` and `item.lane` when they were
    /// "" (see OutboxItem). The item becomes its lane's head when the lane had none. Throws
    /// StoreError when it has no platform and no incident to take one from.
    void enqueue(OutboxItem& item);
    /// As enqueue(), except that when an item of the same platform, lane and kind is
    /// pending behind its lane's head and was never tried (so no attempt of it can be in
    /// flight), that item takes `item`'s payload instead and `item.id` is set to it: a
    /// newer edit of the same message replaces an older one that has not gone out.
    void enqueue_replacing(OutboxItem& item);
    /// Pending items of every platform whose next attempt is due, in id order: for tests,
    /// it reads every pending row (a platform's worker reads pending_heads).
    std::vector<OutboxItem> deliverable(core::Timestamp now, int limit);
    /// Each mark_delivered and mark_failed moves the item's lane head to the lane's next
    /// pending item, or ends the lane when none is left; in whatever order a lane's items
    /// finish, its head is its first pending item.
    void mark_delivered(std::int64_t id, core::Timestamp at);
    void mark_retry(std::int64_t id, core::Timestamp next_attempt_at, const std::string& error);
    void mark_failed(std::int64_t id, core::Timestamp at, const std::string& error);
    /// The heads of `platform`'s lanes whose id is above `after`, due or not, in id order:
    /// what may go next. A page costs `limit` lookups, however many lanes and items wait.
    std::vector<OutboxItem> pending_heads(std::string_view platform, int limit,
                                          std::int64_t after = 0);
    /// The heads of `platform`'s lanes that are urgent items, in id order: found without
    /// reading the other lanes.
    std::vector<OutboxItem> urgent_heads(std::string_view platform, int limit);
    std::optional<OutboxItem> outbox_item(std::int64_t id);
    /// Records the steps of item `id` done so far (see OutboxItem::progress).
    void save_progress(std::int64_t id, const std::string& progress);
    /// Whether an item of `kind` for incident `incident_id` is pending (not yet delivered
    /// or failed): a command that would queue another can answer that one is on its way.
    bool has_pending(std::int64_t incident_id, std::string_view kind);
    /// Pending items of every platform.
    int outbox_depth();
    /// Pending items of `platform`.
    int outbox_depth(std::string_view platform);

    // Message references (outbox.cpp)
    void set_message_ref(std::int64_t incident_id, const std::string& purpose,
                         const MessageRef& ref);
    std::optional<MessageRef> message_ref(std::int64_t incident_id, const std::string& purpose);

    // Dedupe keys (dedupe.cpp): a key is one platform's (the same key from another
    // platform is another request).
    /// Records `platform`'s `key` until `expires_at`. Returns false when it was already
    /// recorded and has not expired: the request is a retry.
    bool remember(std::string_view platform, const std::string& key, core::Timestamp now,
                  core::Timestamp expires_at);
    /// Whether `platform`'s `key` is recorded and has not expired (a read; records nothing).
    bool remembered(std::string_view platform, const std::string& key, core::Timestamp now);
    /// Drops at most `limit` keys expired at `now` (oldest expiry first), so that one call
    /// never holds the write lock for long; returns how many. Fewer than `limit`: none is
    /// left.
    int forget_expired(core::Timestamp now, int limit);

    // The public status page (status_page.cpp). Every write bumps the page's revision.
    std::optional<core::PublicFace> public_face(std::int64_t incident_id);
    /// Inserts or replaces the incident's face.
    void save(const core::PublicFace& face);
    /// Whether any face already has `public_id`.
    bool public_id_taken(const std::string& public_id);
    void insert(core::PublicUpdate& update);
    std::vector<core::PublicUpdate> public_updates(std::int64_t incident_id);
    /// Inserts a new draft (id 0, sets it) or writes an existing one's state and text.
    void save(core::PublishDraft& draft);
    std::optional<core::PublishDraft> publish_draft(std::int64_t id);
    /// Every incident on the page (its face has a status), newest first, with its updates;
    /// never a private incident or a drill, whatever its face says.
    std::vector<core::PublishedIncident> published_incidents(int limit);
    /// Moves with every change to the page's tables.
    std::int64_t status_page_revision();

  private:
    /// Points the lane of item `id` at its first pending item, or ends it (outbox.cpp).
    void advance_lane(std::int64_t id);
    /// The item's platform, or its incident's when it names none ("" when neither).
    std::string platform_of(const OutboxItem& item);

    Connection* connection_;
    bool done_ = false;
    bool write_ = true;
    bool grouped_ = false;  ///< a savepoint in an open CommitGroup
};

}  // namespace firebreak::store
