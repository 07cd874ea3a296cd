#include "firebreak/store/checkpointer.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "connection.hpp"
#include "firebreak/store/store.hpp"

namespace firebreak::store {

Checkpointer::Checkpointer(const std::string& path, CheckpointerOptions options)
    : options_(options), connection_(std::make_unique<Connection>(path)) {
    // A connection that has not read the file yet does not know it is in WAL mode, and
    // its checkpoints would do nothing.
    const std::string mode = connection_->switch_to_wal();
    if (mode != "wal")
        throw StoreError("cannot checkpoint the database '" + path + "': its journal mode is '" +
                         mode + "', not WAL");
}

Checkpointer::~Checkpointer() {
    stop();
}

void Checkpointer::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable() || stopping_) return;
    thread_ = std::thread([this] { run(); });
}

void Checkpointer::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void Checkpointer::wal_grew(int pages) {
    {
        std::lock_guard lock(mutex_);
        if (pages < options_.start_at_pages || due_) return;
        due_ = true;
    }
    wake_.notify_one();
}

void Checkpointer::checkpoint() {
    {
        std::lock_guard lock(mutex_);
        due_ = false;
    }
    // PASSIVE copies what it can without waiting for anyone. RESTART waits (through the
    // connection's busy handler) for the writer lock, copies what came since, waits for
    // readers of the old pages, and has the next writer start the file over.
    int wal_pages = 0;
    int copied = 0;
    int rc = sqlite3_wal_checkpoint_v2(connection_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                       &wal_pages, &copied);
    const bool restart = rc == SQLITE_OK && wal_pages >= options_.restart_at_pages;
    if (restart) {
        rc = sqlite3_wal_checkpoint_v2(connection_->handle(), nullptr, SQLITE_CHECKPOINT_RESTART,
                                       nullptr, nullptr);
    }
    std::lock_guard lock(mutex_);
    if (rc == SQLITE_OK) {
        ++(restart ? stats_.restarts : stats_.passive);
    } else if ((rc & 0xFF) == SQLITE_BUSY) {
        ++stats_.busy;  // another checkpoint was running, or the lock stayed busy: next time
    } else {
        ++stats_.failed;
        spdlog::error("store: checkpoint of a {}-page WAL failed: {}", wal_pages,
                      sqlite3_errstr(rc));
    }
}

CheckpointerStats Checkpointer::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

void Checkpointer::run() {
    while (true) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return due_ || stopping_; });
            if (stopping_) return;
        }
        checkpoint();
    }
}

}  // namespace firebreak::store
