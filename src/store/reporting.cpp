// Transaction: the reads behind `firebreak stats`. They reuse the per-incident reads, so
// every row is parsed in one place; a report touches at most a few hundred incidents.
#include "connection.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::store {
namespace {

/// The integers of the first column of every row `s` returns.
std::vector<std::int64_t> ids(Statement& s) {
    std::vector<std::int64_t> out;
    while (s.step()) out.push_back(s.integer(0));
    s.reset();
    return out;
}

}  // namespace

std::vector<core::Incident> Transaction::incidents_declared_since(core::Timestamp since) {
    Statement& s = connection_->prepare(
        "SELECT id FROM incidents WHERE declared_at >= ? ORDER BY declared_at, id");
    s.bind(1, since);
    std::vector<core::Incident> out;
    for (std::int64_t id : ids(s)) {
        if (auto inc = incident(id)) out.push_back(std::move(*inc));
    }
    return out;
}

std::vector<core::StatusUpdate> Transaction::status_updates_of(
    const std::vector<std::int64_t>& incident_ids) {
    std::vector<core::StatusUpdate> out;
    for (std::int64_t id : incident_ids) {
        auto updates = status_updates(id);
        out.insert(out.end(), std::make_move_iterator(updates.begin()),
                   std::make_move_iterator(updates.end()));
    }
    return out;
}

std::vector<core::ActionItem> Transaction::all_action_items() {
    Statement& s =
        connection_->prepare("SELECT DISTINCT incident_id FROM action_items ORDER BY incident_id");
    std::vector<core::ActionItem> out;
    for (std::int64_t id : ids(s)) {
        auto items = action_items(id);
        out.insert(out.end(), std::make_move_iterator(items.begin()),
                   std::make_move_iterator(items.end()));
    }
    return out;
}

std::map<core::Status, int> Transaction::live_incident_counts() {
    Statement& s = connection_->prepare(
        "SELECT status, COUNT(*) FROM incidents WHERE status IN "
        "('investigating', 'mitigating', 'monitoring') GROUP BY status");
    std::map<core::Status, int> out;
    while (s.step()) {
        if (auto status = core::parse_status(s.text(0)))
            out[*status] = static_cast<int>(s.integer(1));
    }
    s.reset();
    return out;
}

}  // namespace firebreak::store
