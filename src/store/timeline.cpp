// Transaction: the append-only timeline.
#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "timeline_queries.hpp"

namespace firebreak::store {

namespace timeline_queries {

const std::string kStakeholderNotices =
    "SELECT id, incident_id, at, actor, kind, text, before_value, after_value "
    "FROM timeline_events WHERE incident_id = ? AND kind = 'stakeholders_notified' "
    "ORDER BY id";

}  // namespace timeline_queries

namespace {

std::vector<core::TimelineEvent> read_events(Statement& s) {
    std::vector<core::TimelineEvent> out;
    while (s.step()) {
        core::TimelineEvent e;
        e.id = s.integer(0);
        e.incident_id = s.integer(1);
        e.at = s.time(2);
        e.actor = s.text(3);
        auto kind = core::parse_event_kind(s.text(4));
        if (!kind)
            throw StoreError("timeline event " + std::to_string(e.id) + " has an unknown kind");
        e.kind = *kind;
        e.text = s.text(5);
        e.before = s.text(6);
        e.after = s.text(7);
        out.push_back(std::move(e));
    }
    s.reset();
    return out;
}

}  // namespace

void Transaction::append(std::vector<core::TimelineEvent>& events) {
    Statement& s = connection_->prepare(
        "INSERT INTO timeline_events(incident_id, at, actor, kind, text, before_value, "
        "after_value) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (auto& e : events) {
        s.reset();
        s.bind(1, e.incident_id).bind(2, e.at).bind(3, e.actor);
        s.bind(4, std::string(core::to_string(e.kind))).bind(5, e.text);
        s.bind(6, e.before).bind(7, e.after);
        s.run();
        e.id = connection_->last_insert_id();
    }
}

std::vector<core::TimelineEvent> Transaction::timeline(std::int64_t incident_id) {
    Statement& s = connection_->prepare(
        "SELECT id, incident_id, at, actor, kind, text, before_value, after_value "
        "FROM timeline_events WHERE incident_id = ? ORDER BY id");
    s.bind(1, incident_id);
    return read_events(s);
}

std::vector<core::TimelineEvent> Transaction::stakeholder_notices(std::int64_t incident_id) {
    Statement& s = connection_->prepare(timeline_queries::kStakeholderNotices);
    s.bind(1, incident_id);
    return read_events(s);
}

std::optional<core::Timestamp> Transaction::latest_event_time() {
    Statement& s = connection_->prepare("SELECT MAX(at) FROM timeline_events");
    std::optional<core::Timestamp> latest;
    if (s.step()) latest = s.optional_time(0);
    s.reset();
    return latest;
}

}  // namespace firebreak::store
