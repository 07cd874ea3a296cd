#include "statement.hpp"

#include "firebreak/store/store.hpp"

namespace firebreak::store {

void check(sqlite3* db, int rc, std::string_view what, int expected) {
    if (rc == expected) return;
    std::string message = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    throw StoreError(message);
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    check(db_,
          sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                             SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr),
          "prepare");
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::int64_t value) {
    check(db_, sqlite3_bind_int64(stmt_, index, value), "bind");
    return *this;
}

Statement& Statement::bind(int index, const std::string& value) {
    check(db_,
          sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                            SQLITE_TRANSIENT),
          "bind");
    return *this;
}

Statement& Statement::bind(int index, core::Timestamp value) {
    return bind(index, static_cast<std::int64_t>(value.time_since_epoch().count()));
}

Statement& Statement::bind(int index, const std::optional<core::Timestamp>& value) {
    if (value) return bind(index, *value);
    check(db_, sqlite3_bind_null(stmt_, index), "bind");
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
    if (value) return bind(index, *value);
    check(db_, sqlite3_bind_null(stmt_, index), "bind");
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
    if (value) return bind(index, *value);
    check(db_, sqlite3_bind_null(stmt_, index), "bind");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    std::string message = std::string("step: ") + sqlite3_errmsg(db_);
    sqlite3_reset(stmt_);
    throw StoreError(message);
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    int n = sqlite3_column_bytes(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))
             : std::string();
}

core::Timestamp Statement::time(int column) const {
    return core::Timestamp{core::Duration{integer(column)}};
}

std::optional<core::Timestamp> Statement::optional_time(int column) const {
    if (is_null(column)) return std::nullopt;
    return time(column);
}

std::optional<std::string> Statement::optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}

}  // namespace firebreak::store
