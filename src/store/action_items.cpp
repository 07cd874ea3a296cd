// Transaction: action items.
#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::store {

std::vector<core::ActionItem> Transaction::action_items(std::int64_t incident_id) {
    Statement& s = connection_->prepare(
        "SELECT id, incident_id, number, text, owner, due, priority, verify, state, created_by, "
        "created_at FROM action_items WHERE incident_id = ? ORDER BY number");
    s.bind(1, incident_id);
    std::vector<core::ActionItem> out;
    while (s.step()) {
        core::ActionItem a;
        a.id = s.integer(0);
        a.incident_id = s.integer(1);
        a.number = static_cast<int>(s.integer(2));
        a.text = s.text(3);
        a.owner = s.text(4);
        auto due = core::parse_date(s.text(5));
        if (!due) throw StoreError("action item " + std::to_string(a.id) + " has a bad due date");
        a.due = *due;
        a.priority = core::parse_priority(s.text(6)).value_or(core::Priority::p2);
        a.verify = s.text(7);
        a.state = core::parse_action_state(s.text(8)).value_or(core::ActionState::open);
        a.created_by = s.text(9);
        a.created_at = s.time(10);
        out.push_back(std::move(a));
    }
    s.reset();
    return out;
}

int Transaction::action_item_count(std::int64_t incident_id) {
    Statement& s = connection_->prepare("SELECT COUNT(*) FROM action_items WHERE incident_id = ?");
    s.bind(1, incident_id);
    s.step();
    int n = static_cast<int>(s.integer(0));
    s.reset();
    return n;
}

void Transaction::insert(core::ActionItem& a) {
    Statement& s = connection_->prepare(
        "INSERT INTO action_items(incident_id, number, text, owner, due, priority, verify, "
        "state, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, a.incident_id).bind(2, std::int64_t{a.number}).bind(3, a.text).bind(4, a.owner);
    s.bind(5, core::format_date(a.due)).bind(6, std::string(core::to_string(a.priority)));
    s.bind(7, a.verify).bind(8, std::string(core::to_string(a.state)));
    s.bind(9, a.created_by).bind(10, a.created_at);
    s.run();
    a.id = connection_->last_insert_id();
}

void Transaction::update(const core::ActionItem& a) {
    Statement& s = connection_->prepare(
        "UPDATE action_items SET text = ?, owner = ?, due = ?, priority = ?, verify = ?, "
        "state = ? WHERE id = ?");
    s.bind(1, a.text).bind(2, a.owner).bind(3, core::format_date(a.due));
    s.bind(4, std::string(core::to_string(a.priority))).bind(5, a.verify);
    s.bind(6, std::string(core::to_string(a.state))).bind(7, a.id);
    s.run();
    if (connection_->changes() != 1)
        throw StoreError("no action item " + std::to_string(a.id) + " to update");
}

}  // namespace firebreak::store
