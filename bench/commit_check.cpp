#include "commit_check.hpp"

#include <sqlite3.h>

#include <memory>
#include <stdexcept>

namespace firebreak::bench {
namespace {

struct CloseDb {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

std::int64_t count(sqlite3* db, const char* sql) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK)
        throw std::runtime_error(std::string(sql) + ": " + sqlite3_errmsg(db));
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
    if (sqlite3_step(raw) != SQLITE_ROW)
        throw std::runtime_error(std::string(sql) + ": " + sqlite3_errmsg(db));
    return sqlite3_column_int64(raw, 0);
}

}  // namespace

CommittedRows count_committed(const std::string& db_path) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(db_path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK)
        throw std::runtime_error(db_path + ": " + (raw ? sqlite3_errmsg(raw) : "cannot open"));
    CommittedRows rows;
    rows.incidents = count(raw, "SELECT COUNT(*) FROM incidents");
    rows.updates = count(raw, "SELECT COUNT(*) FROM timeline_events WHERE kind = 'update_posted'");
    rows.notes = count(raw, "SELECT COUNT(*) FROM timeline_events WHERE kind = 'note'");
    rows.event_keys =
        count(raw, "SELECT COUNT(*) FROM dedupe_keys WHERE key LIKE 'slack:event:Evload%'");
    rows.captures = count(raw, "SELECT COUNT(*) FROM outbox WHERE kind = 'capture_message'");
    rows.outbox_delivered =
        count(raw, "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NOT NULL");
    rows.outbox_failed = count(raw, "SELECT COUNT(*) FROM outbox WHERE failed_at IS NOT NULL");
    rows.outbox_pending =
        count(raw, "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL");
    return rows;
}

}  // namespace firebreak::bench
