#include "firebreak/store/store.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <stdexcept>

#include "connection.hpp"
#include "firebreak/store/transaction.hpp"
#include "migration_list.hpp"

namespace firebreak::store {
namespace {

void create_parent_directories(const std::string& path) {
    if (path == ":memory:" || path.empty()) return;
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (parent.empty()) return;
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) throw StoreError("cannot create directory " + parent.string() + ": " + ec.message());
}

/// WAL lets readers run beside the writer and makes each commit one append. SQLite
/// answers with the mode it ended up in and quietly keeps the old one when it cannot
/// switch (a temporary database, for one), so the answer is checked, not trusted. An
/// in-memory database, for tests, answers "memory".
void use_wal(Connection& connection, const std::string& path) {
    const std::string mode = connection.switch_to_wal();
    const std::string expected = path == ":memory:" ? "memory" : "wal";
    if (mode != expected) {
        throw StoreError("cannot use write-ahead logging for the database '" + path +
                         "': SQLite kept journal mode '" + mode +
                         "'; give a file path on a local file system");
    }
}

}  // namespace

Store::Store(const StoreOptions& options) : path_(options.path) {
    constexpr std::array kSynchronous{"off", "normal", "full", "extra"};
    bool known = false;
    for (const char* s : kSynchronous) known = known || options.synchronous == s;
    if (!known)
        throw StoreError("synchronous must be off, normal, full or extra, not '" +
                         options.synchronous + "'");
    create_parent_directories(path_);
    connection_ = std::make_unique<Connection>(path_);
    use_wal(*connection_, path_);
    // `synchronous` trades durability against power loss for speed (normal is safe
    // against process crashes, including kill -9).
    connection_->exec("PRAGMA synchronous=" + options.synchronous);
    connection_->exec("PRAGMA foreign_keys=ON");
    // Statement journals (one per command's savepoint) and sort b-trees in memory, not in
    // files under /var/tmp: under load each was an access, open, unlink and close, a
    // fifth of the declares. Nothing durable lives in them; the WAL is the journal.
    connection_->exec("PRAGMA temp_store=MEMORY");
}

Store::~Store() = default;

int Store::latest_version() {
    const auto& all = embedded_migrations();
    return all.empty() ? 0 : all.back().version;
}

void Store::on_commit(std::function<void()> listener) {
    connection_->after_commit = std::move(listener);
}

void Store::on_wal_commit(std::function<void(int pages)> listener) {
    connection_->on_wal_commit(std::move(listener));
}

Transaction Store::begin() {
    return Transaction(*connection_);
}

Transaction Store::read() {
    return Transaction(*connection_, false);
}

CommitGroup::CommitGroup(Store& store) : connection_(*store.connection_) {
    if (connection_.group.open || connection_.in_transaction())
        throw std::logic_error("a commit group needs a store with no transaction open");
    connection_.group = Connection::Group{};
    connection_.group.open = true;
}

CommitGroup::~CommitGroup() {
    if (done_) return;
    const bool started = connection_.group.started;
    connection_.group = {};
    try {
        if (started && connection_.in_transaction()) connection_.exec("ROLLBACK");
    } catch (const StoreError&) {
        // Nothing is left to undo.
    }
}

bool CommitGroup::commit() {
    const Connection::Group group = connection_.group;
    connection_.group = {};
    done_ = true;
    if (group.broken) {
        try {
            if (group.started && connection_.in_transaction()) connection_.exec("ROLLBACK");
        } catch (const StoreError&) {
            // Nothing is left to undo.
        }
        return false;
    }
    if (!group.started) return true;  // nothing was written: nothing to commit
    try {
        if (!connection_.in_transaction()) return false;
        connection_.run("COMMIT");
    } catch (const StoreError&) {
        // A failed COMMIT may leave the transaction open; what it holds is not durable.
        try {
            if (connection_.in_transaction()) connection_.exec("ROLLBACK");
        } catch (const StoreError&) {
            // Nothing is left to undo.
        }
        return false;
    }
    // Durable now, whatever the listener does: a failure there must not make the caller
    // tell clients that nothing was kept.
    if (group.wrote && connection_.after_commit) {
        try {
            connection_.after_commit();
        } catch (const std::exception& e) {
            spdlog::error("store: after a group commit: {}", e.what());
        }
    }
    return true;
}

}  // namespace firebreak::store
