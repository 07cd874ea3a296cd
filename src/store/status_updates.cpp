// Transaction: stakeholder updates, with their due times for cadence adherence.
#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::store {

std::vector<core::StatusUpdate> Transaction::status_updates(std::int64_t incident_id) {
    Statement& s = connection_->prepare(
        "SELECT id, incident_id, kind, text, author, posted_at, due_at FROM status_updates "
        "WHERE incident_id = ? ORDER BY posted_at, id");
    s.bind(1, incident_id);
    std::vector<core::StatusUpdate> out;
    while (s.step()) {
        core::StatusUpdate u;
        u.id = s.integer(0);
        u.incident_id = s.integer(1);
        u.kind = core::parse_update_kind(s.text(2)).value_or(core::UpdateKind::update);
        u.text = s.text(3);
        u.author = s.text(4);
        u.posted_at = s.time(5);
        u.due_at = s.optional_time(6);
        out.push_back(std::move(u));
    }
    s.reset();
    return out;
}

int Transaction::status_update_count(std::int64_t incident_id) {
    Statement& s =
        connection_->prepare("SELECT COUNT(*) FROM status_updates WHERE incident_id = ?");
    s.bind(1, incident_id);
    const int count = s.step() ? static_cast<int>(s.integer(0)) : 0;
    s.reset();
    return count;
}

void Transaction::insert(core::StatusUpdate& u) {
    Statement& s = connection_->prepare(
        "INSERT INTO status_updates(incident_id, kind, text, author, posted_at, due_at) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, u.incident_id).bind(2, std::string(core::to_string(u.kind))).bind(3, u.text);
    s.bind(4, u.author).bind(5, u.posted_at).bind(6, u.due_at);
    s.run();
    u.id = connection_->last_insert_id();
}

}  // namespace firebreak::store
