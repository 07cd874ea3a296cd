// Transaction lifetime: BEGIN IMMEDIATE on construction, ROLLBACK unless committed; inside
// a CommitGroup, a savepoint released on commit and rolled back to otherwise.
#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::store {

namespace {
constexpr const char* kSavepoint = "SAVEPOINT firebreak_tx";
constexpr const char* kRelease = "RELEASE firebreak_tx";
constexpr const char* kRollbackToSavepoint = "ROLLBACK TO firebreak_tx; RELEASE firebreak_tx";
}  // namespace

Transaction::Transaction(Connection& connection, bool write)
    : connection_(&connection), write_(write), grouped_(connection.group.open) {
    Connection::Group& group = connection_->group;
    // Reads before the group's first write stay plain WAL reads: a health check in a group
    // must not wait for the write lock.
    if (grouped_ && !write && !group.started) grouped_ = false;
    if (!grouped_) {
        connection_->run(write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
        return;
    }
    if (group.broken) {
        throw StoreError(group.started
                             ? "the commit group's transaction was rolled back by an earlier error"
                             : "the commit group could not begin: the database stayed locked");
    }
    if (!group.started) {
        try {
            connection_->run("BEGIN IMMEDIATE");
        } catch (const StoreError&) {
            // Locked past the busy timeout: the rest of the group would only wait as long
            // again, each, so it fails at once.
            group.broken = true;
            throw;
        }
        group.started = true;
    } else if (!connection_->in_transaction()) {
        // An error SQLite cannot undo one statement of (a full disk, say) rolled the whole
        // group back. A savepoint now would quietly open a new transaction, and the
        // group's COMMIT would keep this work but not what came before it.
        group.broken = true;
        throw StoreError("the commit group's transaction was rolled back by an earlier error");
    }
    connection_->run(kSavepoint);
}

Transaction::Transaction(Transaction&& other) noexcept
    : connection_(other.connection_),
      done_(other.done_),
      write_(other.write_),
      grouped_(other.grouped_) {
    other.done_ = true;
}

Transaction::~Transaction() {
    if (done_) return;
    try {
        if (grouped_)
            connection_->exec(kRollbackToSavepoint);
        else
            connection_->run("ROLLBACK");
    } catch (const StoreError&) {
        // SQLite already rolled back (e.g. after SQLITE_FULL); nothing is left to undo. In
        // a group, that took the group's earlier work with it.
        if (grouped_) connection_->group.broken = true;
    }
}

void Transaction::commit() {
    if (grouped_) {
        connection_->run(kRelease);  // durable when the group commits
        done_ = true;
        if (write_) connection_->group.wrote = true;
        return;
    }
    connection_->run("COMMIT");
    done_ = true;
    if (write_ && connection_->after_commit) connection_->after_commit();
}

}  // namespace firebreak::store
