// Transaction: the playbook's workstreams and checklist ticks.
#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::store {

std::vector<core::Workstream> Transaction::workstreams(std::int64_t incident_id) {
    Statement& s = connection_->prepare(
        "SELECT id, incident_id, name, owner, what, state, note, started_at, updated_at "
        "FROM workstreams WHERE incident_id = ? ORDER BY started_at, id");
    s.bind(1, incident_id);
    std::vector<core::Workstream> out;
    while (s.step()) {
        core::Workstream w;
        w.id = s.integer(0);
        w.incident_id = s.integer(1);
        w.name = s.text(2);
        w.owner = s.text(3);
        w.what = s.text(4);
        w.state = core::parse_workstream_state(s.text(5)).value_or(core::WorkstreamState::active);
        w.note = s.text(6);
        w.started_at = s.time(7);
        w.updated_at = s.time(8);
        out.push_back(std::move(w));
    }
    s.reset();
    return out;
}

void Transaction::save(core::Workstream& w) {
    Statement& s = connection_->prepare(
        "INSERT INTO workstreams(incident_id, name, owner, what, state, note, started_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(incident_id, name) DO UPDATE "
        "SET owner = excluded.owner, what = excluded.what, state = excluded.state, "
        "note = excluded.note, updated_at = excluded.updated_at RETURNING id");
    s.bind(1, w.incident_id).bind(2, w.name).bind(3, w.owner).bind(4, w.what);
    s.bind(5, std::string(core::to_string(w.state))).bind(6, w.note);
    s.bind(7, w.started_at).bind(8, w.updated_at);
    if (s.step()) w.id = s.integer(0);
    s.reset();
}

std::vector<core::ChecklistTick> Transaction::checklist_ticks(std::int64_t incident_id) {
    Statement& s = connection_->prepare(
        "SELECT id, incident_id, item, ticked_at, ticked_by FROM checklist_ticks "
        "WHERE incident_id = ? ORDER BY id");
    s.bind(1, incident_id);
    std::vector<core::ChecklistTick> out;
    while (s.step())
        out.push_back(
            core::ChecklistTick{s.integer(0), s.integer(1), s.text(2), s.time(3), s.text(4)});
    s.reset();
    return out;
}

void Transaction::insert(core::ChecklistTick& tick) {
    // No RETURNING: SQLite collects returned rows in a temporary table, which cost more
    // than the insert itself (a declare ticks several items).
    Statement& s = connection_->prepare(
        "INSERT INTO checklist_ticks(incident_id, item, ticked_at, ticked_by) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(incident_id, item) DO NOTHING");
    s.bind(1, tick.incident_id).bind(2, tick.item).bind(3, tick.at).bind(4, tick.by);
    s.run();
    if (connection_->changes() == 1) tick.id = connection_->last_insert_id();
}

}  // namespace firebreak::store
