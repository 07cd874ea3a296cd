#pragma once
// The SQLite store: one file in WAL mode, migrated on start, used through transactions.

#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace firebreak::store {

class Connection;
class Transaction;

/// Anything the database refused: open, migrate, a constraint, a full disk.
class StoreError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct StoreOptions {
    std::string path;                    ///< a file path, or ":memory:" for tests
    std::string synchronous = "normal";  ///< off | normal | full | extra
};

struct MigrationReport {
    int from_version = 0;
    int to_version = 0;
    std::vector<std::string> applied;  ///< "0001_initial", in order
};

class Store {
  public:
    /// Opens (creating parent directories and the file if needed) and sets a busy
    /// timeout, WAL mode, `synchronous` and foreign keys. Throws StoreError, also when a
    /// file database cannot be put in WAL mode.
    explicit Store(const StoreOptions& options);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    /// Applies the embedded migrations/NNNN_name.sql files newer than the database, each
    /// in its own transaction, recording each version. Safe when several processes
    /// migrate the same file at once: each migration is applied by one of them. Throws
    /// StoreError when a migration fails (that migration is rolled back) or when the
    /// database is newer than the code.
    MigrationReport migrate();

    /// The version recorded in the database (0 when none).
    int schema_version();

    /// The newest migration compiled into this binary.
    static int latest_version();

    /// Starts a write transaction (BEGIN IMMEDIATE). Only one is open at a time.
    Transaction begin();
    /// Starts a read-only transaction: a consistent snapshot that never waits for or
    /// blocks the writer of another connection. Writing through it fails.
    Transaction read();

    const std::string& path() const { return path_; }

    /// Calls `listener` after every commit made through this Store (e.g. to wake the outbox
    /// worker when a command queued messages). It runs on the committing thread and must
    /// not throw or open a transaction. Set it before the store is shared.
    void on_commit(std::function<void()> listener);

    /// Turns off SQLite's automatic checkpoint on this Store's connection and tells
    /// `listener` the WAL's size in pages after each commit instead (see Checkpointer),
    /// on the committing thread; it must not throw. nullptr turns the automatic
    /// checkpoint back on.
    void on_wal_commit(std::function<void(int pages)> listener);

  private:
    friend class CommitGroup;

    std::string path_;
    std::unique_ptr<Connection> connection_;
};

/// Group commit: one write transaction that the transactions begun through the Store
/// while the group is open join as savepoints. Each of them still commits or rolls back on
/// its own, but only commit() here makes any of them durable, with one COMMIT and one
/// write of the pages they share. The server uses it for the requests that arrive
/// together: a command costs a fraction of a commit under load.
///
/// The group's BEGIN IMMEDIATE runs at its first write transaction; read transactions
/// before it are plain WAL reads. When that BEGIN fails (the lock stayed busy), every later
/// transaction of the group fails at once instead of waiting as long again.
class CommitGroup {
  public:
    /// Opens the group (no SQL yet). Throws std::logic_error when a group or a
    /// transaction is already open on this Store.
    explicit CommitGroup(Store& store);
    /// Rolls back whatever was not committed.
    ~CommitGroup();
    CommitGroup(const CommitGroup&) = delete;
    CommitGroup& operator=(const CommitGroup&) = delete;

    /// Commits everything the group's transactions committed, then calls the Store's
    /// on_commit listener if any of them wrote (a throw there is logged). True when that
    /// is durable, also when nothing was written; false when nothing was kept: an error
    /// rolled the group back, its BEGIN failed, or the COMMIT itself failed. Never throws.
    bool commit();

  private:
    Connection& connection_;
    bool done_ = false;
};

}  // namespace firebreak::store
