// Transaction: the public status page's tables (migrations/0004_status_page.sql).
#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::store {
namespace {

constexpr const char* kFaceColumns =
    "f.incident_id, f.public_id, f.title, f.status, f.affects, f.next_update_due, f.created_at, "
    "f.updated_at, f.monitoring_at, f.resolved_at";

core::PublicFace read_face(const Statement& s) {
    core::PublicFace f;
    f.incident_id = s.integer(0);
    f.public_id = s.text(1);
    f.title = s.text(2);
    if (auto status = s.optional_text(3)) f.status = core::parse_public_status(*status);
    f.affects = core::parse_affects(s.text(4));
    f.next_update_due = s.optional_time(5);
    f.created_at = s.time(6);
    f.updated_at = s.time(7);
    f.monitoring_at = s.optional_time(8);
    f.resolved_at = s.optional_time(9);
    return f;
}

core::PublicStatus status_of(const Statement& s, int column) {
    return core::parse_public_status(s.text(column)).value_or(core::PublicStatus::investigating);
}

void bump(Connection& connection) {
    connection.prepare("UPDATE status_page_revision SET revision = revision + 1 WHERE id = 1")
        .run();
}

}  // namespace

std::optional<core::PublicFace> Transaction::public_face(std::int64_t incident_id) {
    static const std::string sql =
        std::string("SELECT ") + kFaceColumns + " FROM public_faces f WHERE f.incident_id = ?";
    Statement& s = connection_->prepare(sql);
    s.bind(1, incident_id);
    std::optional<core::PublicFace> face;
    if (s.step()) face = read_face(s);
    s.reset();
    return face;
}

void Transaction::save(const core::PublicFace& f) {
    Statement& s = connection_->prepare(
        "INSERT OR REPLACE INTO public_faces(incident_id, public_id, title, status, affects, "
        "next_update_due, created_at, updated_at, monitoring_at, resolved_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, f.incident_id).bind(2, f.public_id).bind(3, f.title);
    s.bind(4, f.status ? std::optional<std::string>(std::string(core::to_string(*f.status)))
                       : std::nullopt);
    s.bind(5, core::format_affects(f.affects)).bind(6, f.next_update_due);
    s.bind(7, f.created_at).bind(8, f.updated_at).bind(9, f.monitoring_at).bind(10, f.resolved_at);
    s.run();
    bump(*connection_);
}

bool Transaction::public_id_taken(const std::string& public_id) {
    Statement& s = connection_->prepare("SELECT 1 FROM public_faces WHERE public_id = ?");
    s.bind(1, public_id);
    bool taken = s.step();
    s.reset();
    return taken;
}

void Transaction::insert(core::PublicUpdate& u) {
    Statement& s = connection_->prepare(
        "INSERT INTO public_updates(incident_id, status, body, author, posted_at, due_at) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, u.incident_id).bind(2, std::string(core::to_string(u.status))).bind(3, u.body);
    s.bind(4, u.author).bind(5, u.posted_at).bind(6, u.due_at);
    s.run();
    u.id = connection_->last_insert_id();
    bump(*connection_);
}

std::vector<core::PublicUpdate> Transaction::public_updates(std::int64_t incident_id) {
    Statement& s = connection_->prepare(
        "SELECT id, incident_id, status, body, author, posted_at, due_at FROM public_updates "
        "WHERE incident_id = ? ORDER BY id");
    s.bind(1, incident_id);
    std::vector<core::PublicUpdate> out;
    while (s.step()) {
        core::PublicUpdate u;
        u.id = s.integer(0);
        u.incident_id = s.integer(1);
        u.status = status_of(s, 2);
        u.body = s.text(3);
        u.author = s.text(4);
        u.posted_at = s.time(5);
        u.due_at = s.optional_time(6);
        out.push_back(std::move(u));
    }
    s.reset();
    return out;
}

void Transaction::save(core::PublishDraft& d) {
    if (d.id == 0) {
        Statement& s = connection_->prepare(
            "INSERT INTO publish_drafts(incident_id, status, body, author, created_at, open) "
            "VALUES (?, ?, ?, ?, ?, ?)");
        s.bind(1, d.incident_id).bind(2, std::string(core::to_string(d.status))).bind(3, d.body);
        s.bind(4, d.author).bind(5, d.created_at).bind(6, std::int64_t{d.open});
        s.run();
        d.id = connection_->last_insert_id();
        return;
    }
    Statement& s = connection_->prepare(
        "UPDATE publish_drafts SET status = ?, body = ?, open = ? WHERE id = ?");
    s.bind(1, std::string(core::to_string(d.status))).bind(2, d.body);
    s.bind(3, std::int64_t{d.open}).bind(4, d.id);
    s.run();
    if (connection_->changes() != 1)
        throw StoreError("publish draft " + std::to_string(d.id) + " does not exist");
}

std::optional<core::PublishDraft> Transaction::publish_draft(std::int64_t id) {
    Statement& s = connection_->prepare(
        "SELECT id, incident_id, status, body, author, created_at, open FROM publish_drafts "
        "WHERE id = ?");
    s.bind(1, id);
    std::optional<core::PublishDraft> out;
    if (s.step()) {
        core::PublishDraft d;
        d.id = s.integer(0);
        d.incident_id = s.integer(1);
        d.status = status_of(s, 2);
        d.body = s.text(3);
        d.author = s.text(4);
        d.created_at = s.time(5);
        d.open = s.integer(6) != 0;
        out = std::move(d);
    }
    s.reset();
    return out;
}

std::vector<core::PublishedIncident> Transaction::published_incidents(int limit) {
    // The join is the last line of defence: a private incident or a drill never reaches
    // the page, even if a face was somehow written for it.
    Statement& s = connection_->prepare(
        std::string("SELECT ") + kFaceColumns +
        ", i.title FROM public_faces f JOIN incidents i ON i.id = f.incident_id "
        "WHERE f.status IS NOT NULL AND i.is_private = 0 AND i.is_drill = 0 "
        "ORDER BY f.created_at DESC, f.incident_id DESC LIMIT ?");
    s.bind(1, std::int64_t{limit});
    std::vector<core::PublishedIncident> out;
    while (s.step()) {
        core::PublishedIncident p;
        p.face = read_face(s);
        p.title = p.face.title.empty() ? s.text(10) : p.face.title;
        out.push_back(std::move(p));
    }
    s.reset();
    for (auto& p : out) p.updates = public_updates(p.face.incident_id);
    return out;
}

std::int64_t Transaction::status_page_revision() {
    Statement& s = connection_->prepare("SELECT revision FROM status_page_revision WHERE id = 1");
    std::int64_t revision = 0;
    if (s.step()) revision = s.integer(0);
    s.reset();
    return revision;
}

}  // namespace firebreak::store
