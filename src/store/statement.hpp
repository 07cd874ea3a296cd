#pragma once
// A thin RAII wrapper over a prepared sqlite3 statement. Private to the store.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "firebreak/core/time.hpp"

namespace firebreak::store {

/// A prepared statement. Connection::prepare() resets and unbinds it before handing it
/// out; a caller that reads rows calls reset() when done, so that no read stays open.
class Statement {
  public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    /// Binds parameters by 1-based index. nullopt binds NULL.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, const std::string& value);
    Statement& bind(int index, core::Timestamp value);
    Statement& bind(int index, const std::optional<core::Timestamp>& value);
    Statement& bind(int index, const std::optional<std::string>& value);
    Statement& bind(int index, const std::optional<std::int64_t>& value);

    /// Steps once: true while a row is available, false when done. Throws StoreError.
    bool step();
    /// Steps to completion, for statements that return no rows.
    void run();
    /// Resets and clears bindings so the statement can be reused.
    void reset();

    bool is_null(int column) const;
    std::int64_t integer(int column) const;
    std::string text(int column) const;
    core::Timestamp time(int column) const;
    std::optional<core::Timestamp> optional_time(int column) const;
    std::optional<std::string> optional_text(int column) const;

    /// The sqlite3 statement, for a caller that must see SQLite's own result codes.
    sqlite3_stmt* handle() { return stmt_; }

  private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

/// Throws StoreError with sqlite's message when `rc` is not `expected`.
void check(sqlite3* db, int rc, std::string_view what, int expected = SQLITE_OK);

}  // namespace firebreak::store
