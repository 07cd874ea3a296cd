// Transaction: reminders, one row per (incident, kind) with the time it is due.
#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::store {
namespace {

Reminder read_reminder(const Statement& s) {
    return Reminder{s.integer(0), s.integer(1), s.text(2), s.time(3), s.optional_time(4)};
}

constexpr const char* kSelect = "SELECT id, incident_id, kind, due_at, fired_at FROM reminders ";

}  // namespace

void Transaction::set_reminder(std::int64_t incident_id, const std::string& kind,
                               std::optional<core::Timestamp> due_at) {
    if (!due_at) {
        Statement& s =
            connection_->prepare("DELETE FROM reminders WHERE incident_id = ? AND kind = ?");
        s.bind(1, incident_id).bind(2, kind);
        s.run();
        return;
    }
    // Re-timing to the same due time keeps its firing: a nudge is never sent twice for
    // one due time. A new due time clears it.
    Statement& s = connection_->prepare(
        "INSERT INTO reminders(incident_id, kind, due_at) VALUES (?, ?, ?) "
        "ON CONFLICT(incident_id, kind) DO UPDATE SET "
        "fired_at = CASE WHEN due_at = excluded.due_at THEN fired_at ELSE NULL END, "
        "due_at = excluded.due_at");
    s.bind(1, incident_id).bind(2, kind).bind(3, *due_at);
    s.run();
}

std::vector<Reminder> Transaction::due_reminders(core::Timestamp now, int limit) {
    static const std::string sql =
        std::string(kSelect) + "WHERE fired_at IS NULL AND due_at <= ? ORDER BY due_at, id LIMIT ?";
    Statement& s = connection_->prepare(sql);
    s.bind(1, now).bind(2, std::int64_t{limit});
    std::vector<Reminder> out;
    while (s.step()) out.push_back(read_reminder(s));
    s.reset();
    return out;
}

std::optional<Reminder> Transaction::reminder(std::int64_t incident_id, const std::string& kind) {
    static const std::string sql = std::string(kSelect) + "WHERE incident_id = ? AND kind = ?";
    Statement& s = connection_->prepare(sql);
    s.bind(1, incident_id).bind(2, kind);
    std::optional<Reminder> out;
    if (s.step()) out = read_reminder(s);
    s.reset();
    return out;
}

std::optional<Reminder> Transaction::reminder_by_id(std::int64_t reminder_id) {
    static const std::string sql = std::string(kSelect) + "WHERE id = ?";
    Statement& s = connection_->prepare(sql);
    s.bind(1, reminder_id);
    std::optional<Reminder> out;
    if (s.step()) out = read_reminder(s);
    s.reset();
    return out;
}

void Transaction::mark_fired(std::int64_t reminder_id, core::Timestamp at) {
    Statement& s = connection_->prepare("UPDATE reminders SET fired_at = ? WHERE id = ?");
    s.bind(1, at).bind(2, reminder_id);
    s.run();
}

std::optional<core::Timestamp> Transaction::next_reminder_due() {
    Statement& s = connection_->prepare("SELECT MIN(due_at) FROM reminders WHERE fired_at IS NULL");
    std::optional<core::Timestamp> out;
    if (s.step()) out = s.optional_time(0);
    s.reset();
    return out;
}

}  // namespace firebreak::store
