#pragma once
// The open database: the sqlite3 handle and a cache of prepared statements.

#include <sqlite3.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "statement.hpp"

namespace firebreak::store {

class Connection {
  public:
    /// How long a statement waits for another connection's lock before failing.
    static constexpr int kBusyTimeoutMs = 5000;

    /// Opens or creates the file, with the busy timeout set. Throws StoreError.
    explicit Connection(const std::string& path);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// Runs SQL with no parameters and no result rows (may hold several statements).
    void exec(std::string_view sql);
    /// Runs one statement with no parameters and no result rows, prepared once and cached:
    /// for the BEGIN, SAVEPOINT, RELEASE and COMMIT every command runs.
    void run(std::string_view sql);

    /// Runs `PRAGMA journal_mode=WAL` and returns the journal mode SQLite reports after
    /// it: "wal", or the mode it kept when it could not switch. Waits up to the busy
    /// timeout while another connection is switching the same file. Throws StoreError.
    std::string switch_to_wal();

    /// A cached prepared statement for `sql`, reset and ready to bind. Only one use of
    /// the same SQL text may be in flight at a time. Looking it up allocates nothing: a
    /// command runs a few dozen statements.
    Statement& prepare(std::string_view sql);

    /// Rows changed by the last statement.
    int changes() const;
    std::int64_t last_insert_id() const;

    sqlite3* handle() { return db_; }

    /// Replaces SQLite's automatic checkpoint: `listener` is told the WAL's size in pages
    /// after each commit. nullptr brings the automatic checkpoint back.
    void on_wal_commit(std::function<void(int pages)> listener);

    /// False while a transaction is open (SQLite's autocommit mode is off).
    bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

    /// Called after every successful COMMIT on this connection (see Store::on_commit).
    std::function<void()> after_commit;

    /// The open CommitGroup, if any: while it is, every Transaction is a savepoint in its
    /// transaction.
    struct Group {
        bool open = false;
        bool started = false;  ///< its BEGIN IMMEDIATE ran (at the first write Transaction)
        bool wrote = false;    ///< a write Transaction was committed (released) in it
        bool broken = false;   ///< it cannot keep its work: lost to an error, or never began
    } group;

  private:
    /// The busy handler: waits in short steps for up to kBusyTimeoutMs.
    static int wait_for_lock(void* unused, int attempt);

    static int wal_committed(void* self, sqlite3* db, const char* schema, int pages);

    sqlite3* db_ = nullptr;
    std::function<void(int)> wal_listener_;
    /// Hashes a std::string and a std::string_view alike, so that lookups by view work.
    struct SqlHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view sql) const noexcept {
            return std::hash<std::string_view>{}(sql);
        }
    };
    std::unordered_map<std::string, std::unique_ptr<Statement>, SqlHash, std::equal_to<>>
        statements_;
};

}  // namespace firebreak::store
