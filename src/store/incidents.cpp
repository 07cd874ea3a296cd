// Transaction: the incidents table.
#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::store {
namespace {

using core::Incident;

constexpr const char* kColumns =
    "id, name, title, severity, status, ic, ic_since, tl, tl_since, comms, comms_since, "
    "what_broken, who_affected, impact_started_at, recent_changes, service, is_private, "
    "is_drill, declared_by, conversation, declared_at, acknowledged_at, mitigated_at, "
    "resolved_at, closed_at, canceled_at, last_update_at, next_update_due, platform, bridge_url";

Incident read_incident(const Statement& s) {
    Incident inc;
    inc.id = s.integer(0);
    inc.name = s.text(1);
    inc.title = s.text(2);
    inc.severity = s.text(3);
    auto status = core::parse_status(s.text(4));
    if (!status) throw StoreError("incident " + inc.name + " has an unknown status");
    inc.status = *status;
    for (core::Role r : core::kAllRoles) {
        int col = 5 + 2 * static_cast<int>(core::index(r));
        if (!s.is_null(col)) inc.holder(r) = core::RoleHolder{s.text(col), s.time(col + 1)};
    }
    inc.impact.what_broken = s.text(11);
    inc.impact.who_affected = s.text(12);
    inc.impact.started_at = s.optional_time(13);
    inc.impact.recent_changes = s.text(14);
    inc.service = s.text(15);
    inc.is_private = s.integer(16) != 0;
    inc.is_drill = s.integer(17) != 0;
    inc.declared_by = s.text(18);
    inc.conversation = s.text(19);
    inc.milestones.declared_at = s.time(20);
    inc.milestones.acknowledged_at = s.optional_time(21);
    inc.milestones.mitigated_at = s.optional_time(22);
    inc.milestones.resolved_at = s.optional_time(23);
    inc.milestones.closed_at = s.optional_time(24);
    inc.milestones.canceled_at = s.optional_time(25);
    inc.last_update_at = s.optional_time(26);
    inc.next_update_due = s.optional_time(27);
    inc.platform = s.text(28);
    inc.bridge_url = s.text(29);
    return inc;
}

/// Binds every column but id, from parameter 1.
void bind_incident(Statement& s, const Incident& inc) {
    s.bind(1, inc.name).bind(2, inc.title).bind(3, inc.severity);
    s.bind(4, std::string(core::to_string(inc.status)));
    for (core::Role r : core::kAllRoles) {
        int p = 5 + 2 * static_cast<int>(core::index(r));
        const auto& h = inc.holder(r);
        s.bind(p, h ? std::optional<std::string>(h->user) : std::nullopt);
        s.bind(p + 1, h ? std::optional<core::Timestamp>(h->since) : std::nullopt);
    }
    s.bind(11, inc.impact.what_broken).bind(12, inc.impact.who_affected);
    s.bind(13, inc.impact.started_at).bind(14, inc.impact.recent_changes);
    s.bind(15, inc.service);
    s.bind(16, std::int64_t{inc.is_private}).bind(17, std::int64_t{inc.is_drill});
    s.bind(18, inc.declared_by).bind(19, inc.conversation);
    const auto& m = inc.milestones;
    s.bind(20, m.declared_at).bind(21, m.acknowledged_at).bind(22, m.mitigated_at);
    s.bind(23, m.resolved_at).bind(24, m.closed_at).bind(25, m.canceled_at);
    s.bind(26, inc.last_update_at).bind(27, inc.next_update_due);
    s.bind(28, inc.platform).bind(29, inc.bridge_url);
}

std::optional<Incident> one(Statement& s) {
    std::optional<Incident> found;
    if (s.step()) found = read_incident(s);
    s.reset();
    return found;
}

}  // namespace

std::optional<Incident> Transaction::incident(std::int64_t id) {
    static const std::string sql =
        std::string("SELECT ") + kColumns + " FROM incidents WHERE id = ?";
    Statement& s = connection_->prepare(sql);
    s.bind(1, id);
    return one(s);
}

std::optional<std::string> Transaction::incident_conversation(std::int64_t id) {
    Statement& s = connection_->prepare("SELECT conversation FROM incidents WHERE id = ?");
    s.bind(1, id);
    std::optional<std::string> out;
    if (s.step()) out = s.text(0);
    s.reset();
    return out;
}

std::optional<Incident> Transaction::incident_by_name(const std::string& name) {
    static const std::string sql =
        std::string("SELECT ") + kColumns + " FROM incidents WHERE name = ?";
    Statement& s = connection_->prepare(sql);
    s.bind(1, name);
    return one(s);
}

std::optional<Incident> Transaction::incident_by_conversation(std::string_view platform,
                                                              const std::string& conversation) {
    if (conversation.empty()) return std::nullopt;
    // "conversation <> ''" lets SQLite use the partial index incidents_by_conversation: a
    // bound parameter alone does not prove the index's condition, and the lookup on every
    // command became a scan of every incident.
    static const std::string sql = std::string("SELECT ") + kColumns +
                                   " FROM incidents WHERE platform = ? AND "
                                   "conversation = ? AND conversation <> ''";
    Statement& s = connection_->prepare(sql);
    s.bind(1, std::string(platform)).bind(2, conversation);
    return one(s);
}

std::vector<Incident> Transaction::incidents(bool live_only, int limit) {
    Statement& s = connection_->prepare(
        std::string("SELECT ") + kColumns +
        " FROM incidents WHERE ? = 0 OR status IN "
        "('investigating', 'mitigating', 'monitoring') ORDER BY declared_at DESC, id DESC LIMIT ?");
    s.bind(1, std::int64_t{live_only}).bind(2, std::int64_t{limit});
    std::vector<Incident> out;
    while (s.step()) out.push_back(read_incident(s));
    s.reset();
    return out;
}

bool Transaction::name_taken(const std::string& name) {
    Statement& s = connection_->prepare("SELECT 1 FROM incidents WHERE name = ?");
    s.bind(1, name);
    bool taken = s.step();
    s.reset();
    return taken;
}

void Transaction::insert(Incident& incident) {
    if (incident.platform.empty())
        throw StoreError("incident " + incident.name + " names no platform");
    Statement& s = connection_->prepare(
        std::string("INSERT INTO incidents(") + (kColumns + 4) +
        ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    bind_incident(s, incident);
    s.run();
    incident.id = connection_->last_insert_id();
}

void Transaction::update(const Incident& incident) {
    Statement& s = connection_->prepare(
        "UPDATE incidents SET name=?, title=?, severity=?, status=?, ic=?, ic_since=?, tl=?, "
        "tl_since=?, comms=?, comms_since=?, what_broken=?, who_affected=?, "
        "impact_started_at=?, recent_changes=?, service=?, is_private=?, is_drill=?, "
        "declared_by=?, conversation=?, declared_at=?, acknowledged_at=?, mitigated_at=?, "
        "resolved_at=?, closed_at=?, canceled_at=?, last_update_at=?, next_update_due=?, "
        "platform=?, bridge_url=? WHERE id=?");
    bind_incident(s, incident);
    s.bind(30, incident.id);
    s.run();
    if (connection_->changes() != 1)
        throw StoreError("incident " + std::to_string(incident.id) + " does not exist");
}

}  // namespace firebreak::store
