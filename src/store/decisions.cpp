// Transaction: the decision log.
#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::store {

std::vector<core::Decision> Transaction::decisions(std::int64_t incident_id) {
    Statement& s = connection_->prepare(
        "SELECT id, incident_id, number, text, proposed_by, proposed_at, ic_ack, tl_ack, state, "
        "recorded_at, reversibility FROM decisions WHERE incident_id = ? ORDER BY number");
    s.bind(1, incident_id);
    std::vector<core::Decision> out;
    while (s.step()) {
        core::Decision d;
        d.id = s.integer(0);
        d.incident_id = s.integer(1);
        d.number = static_cast<int>(s.integer(2));
        d.text = s.text(3);
        d.proposed_by = s.text(4);
        d.proposed_at = s.time(5);
        d.ic_ack = s.optional_text(6);
        d.tl_ack = s.optional_text(7);
        d.state = core::parse_decision_state(s.text(8)).value_or(core::DecisionState::proposed);
        d.recorded_at = s.optional_time(9);
        d.reversibility =
            core::parse_reversibility(s.text(10)).value_or(core::Reversibility::unstated);
        out.push_back(std::move(d));
    }
    s.reset();
    return out;
}

void Transaction::save(core::Decision& d) {
    Statement& s = connection_->prepare(
        "INSERT INTO decisions(incident_id, number, text, proposed_by, proposed_at, ic_ack, "
        "tl_ack, state, recorded_at, reversibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(incident_id, number) DO UPDATE SET ic_ack = excluded.ic_ack, "
        "tl_ack = excluded.tl_ack, state = excluded.state, recorded_at = excluded.recorded_at "
        "RETURNING id");
    s.bind(1, d.incident_id).bind(2, std::int64_t{d.number}).bind(3, d.text);
    s.bind(4, d.proposed_by).bind(5, d.proposed_at).bind(6, d.ic_ack).bind(7, d.tl_ack);
    s.bind(8, std::string(core::to_string(d.state))).bind(9, d.recorded_at);
    s.bind(10, std::string(core::to_string(d.reversibility)));
    if (s.step()) d.id = s.integer(0);
    s.reset();
}

}  // namespace firebreak::store
