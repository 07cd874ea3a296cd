#include "connection.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include "firebreak/store/store.hpp"

namespace firebreak::store {
namespace {

/// What SQLite takes only before its first use in the process.
void configure_sqlite() {
    static const int configured = [] {
        // No memory statistics: nothing reads them, and keeping them takes a process-wide
        // mutex on every allocation SQLite makes (several hundred per declare).
        const int rc = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        // SQLITE_MISUSE if something used SQLite first: the default stays, a little slower.
        if (rc != SQLITE_OK)
            spdlog::debug("store: SQLite's memory statistics stay on: {}", sqlite3_errstr(rc));
        return rc;
    }();
    (void)configured;
}

}  // namespace

Connection::Connection(const std::string& path) {
    configure_sqlite();
    int rc =
        sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = "cannot open database " + path + ": " +
                              (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreError(message);
    }
    sqlite3_extended_result_codes(db_, 1);
    // Set before anything else touches the file: switching to WAL and the first
    // migration take locks, and a second process starting at the same moment must wait
    // for them rather than fail with "database is locked".
    sqlite3_busy_handler(db_, &Connection::wait_for_lock, nullptr);
}

int Connection::wait_for_lock(void*, int attempt) {
    // SQLite's own busy_timeout sleeps in growing steps (up to 100 ms at a time), which
    // turns a lock held for a millisecond by the outbox worker into a 10 ms+ wait for a
    // command. Short, even sleeps keep a command's wait close to the lock's hold time.
    constexpr int kStepMicros = 250;
    if (attempt * kStepMicros >= kBusyTimeoutMs * 1000) return 0;
    ::usleep(kStepMicros);
    return 1;
}

Connection::~Connection() {
    statements_.clear();  // finalize before closing
    sqlite3_close(db_);
}

void Connection::exec(std::string_view sql) {
    char* error = nullptr;
    std::string text(sql);
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        throw StoreError(message);
    }
}

void Connection::run(std::string_view sql) {
    prepare(sql).run();
}

std::string Connection::switch_to_wal() {
    // The switch needs the file to itself, and SQLite answers SQLITE_BUSY at once rather
    // than call the busy handler: the pragma already holds a read lock, and two
    // connections waiting for each other's would deadlock. So it is retried here, as the
    // busy handler would, when a second process starts at the same moment.
    constexpr int kPauseMs = 10;
    Statement pragma(db_, "PRAGMA journal_mode=WAL");
    for (int waited = 0;; waited += kPauseMs) {
        const int rc = sqlite3_step(pragma.handle());
        if (rc == SQLITE_ROW) return pragma.text(0);
        sqlite3_reset(pragma.handle());
        if ((rc & 0xFF) != SQLITE_BUSY || waited >= kBusyTimeoutMs)
            check(db_, rc, "PRAGMA journal_mode=WAL", SQLITE_ROW);
        sqlite3_sleep(kPauseMs);
    }
}

Statement& Connection::prepare(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
        std::string text(sql);
        auto statement = std::make_unique<Statement>(db_, text);
        it = statements_.emplace(std::move(text), std::move(statement)).first;
    }
    it->second->reset();
    return *it->second;
}

void Connection::on_wal_commit(std::function<void(int pages)> listener) {
    wal_listener_ = std::move(listener);
    if (wal_listener_)
        sqlite3_wal_hook(db_, &Connection::wal_committed, this);
    else
        sqlite3_wal_autocheckpoint(db_, 1000);  // SQLite's default, and its own hook
}

int Connection::wal_committed(void* self, sqlite3*, const char*, int pages) {
    static_cast<Connection*>(self)->wal_listener_(pages);
    return SQLITE_OK;
}

int Connection::changes() const {
    return sqlite3_changes(db_);
}

std::int64_t Connection::last_insert_id() const {
    return sqlite3_last_insert_rowid(db_);
}

}  // namespace firebreak::store
