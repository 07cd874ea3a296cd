// Transaction lifetime: BEGIN IMMEDIATE on construction, ROLLBACK unless committed.
#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::store {

Transaction::Transaction(Connection& connection, bool write)
    : connection_(&connection), write_(write) {
    connection_->exec(write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::Transaction(Transaction&& other) noexcept
    : connection_(other.connection_), done_(other.done_), write_(other.write_) {
    other.done_ = true;
}

Transaction::~Transaction() {
    if (done_) return;
    try {
        connection_->exec("ROLLBACK");
    } catch (const StoreError&) {
        // SQLite already rolled back (e.g. after SQLITE_FULL); nothing is left to undo.
    }
}

void Transaction::commit() {
    connection_->exec("COMMIT");
    done_ = true;
    if (write_ && connection_->after_commit) connection_->after_commit();
}

}  // namespace firebreak::store
