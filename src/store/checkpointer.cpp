#include "firebreak/store/checkpointer.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>

#include "connection.hpp"
#include "firebreak/store/store.hpp"

namespace firebreak::store {
namespace {

/// How long a RESTART may wait, first for the writer lock, then for readers of old pages.
/// It holds the writer lock while it waits for readers, so every command waits with it: a
/// long read elsewhere (an export in another process) must cost a skipped restart, not
/// seconds of stalled commands. Short, even steps catch the gaps between commits.
constexpr int kRestartWaitMicros = 200'000;
constexpr int kRestartStepMicros = 250;

int wait_briefly(void*, int attempt) {
    if (attempt * kRestartStepMicros >= kRestartWaitMicros) return 0;
    ::usleep(kRestartStepMicros);
    return 1;
}

}  // namespace

Checkpointer::Checkpointer(const std::string& path, CheckpointerOptions options)
    : options_(options),
      connection_(std::make_unique<Connection>(path)),
      restart_at_(options.restart_at_pages) {
    // A connection that has not read the file yet does not know it is in WAL mode, and
    // its checkpoints would do nothing.
    const std::string mode = connection_->switch_to_wal();
    if (mode != "wal")
        throw StoreError("cannot checkpoint the database '" + path + "': its journal mode is '" +
                         mode + "', not WAL");
    sqlite3_busy_handler(connection_->handle(), &wait_briefly, nullptr);
    // The syncs a checkpoint makes follow the store's setting (none with "off").
    connection_->exec("PRAGMA synchronous=" + options_.synchronous);
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

bool Checkpointer::wal_grew(int pages) {
    {
        std::lock_guard lock(mutex_);
        if (pages < checkpointed_at_) checkpointed_at_ = 0;  // the WAL started over
        if (due_ || pages - checkpointed_at_ < options_.start_at_pages) return false;
        due_ = true;
    }
    wake_.notify_one();
    return true;
}

void Checkpointer::checkpoint() {
    std::lock_guard one_at_a_time(checkpointing_);
    {
        std::lock_guard lock(mutex_);
        due_ = false;
    }
    // PASSIVE copies what it can without waiting for anyone. RESTART waits (through the
    // brief busy handler) for the writer lock, copies what came since, waits for readers
    // of the old pages, and has the next writer start the file over.
    int wal_pages = 0;
    int copied = 0;
    int rc = sqlite3_wal_checkpoint_v2(connection_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                       &wal_pages, &copied);
    const bool restart = rc == SQLITE_OK && wal_pages >= restart_at_;
    if (restart) {
        rc = sqlite3_wal_checkpoint_v2(connection_->handle(), nullptr, SQLITE_CHECKPOINT_RESTART,
                                       nullptr, nullptr);
    }
    if (restart) {
        // A reader that keeps an old snapshot (a long export, a backup tool) makes every
        // RESTART give up after holding the writers: try again only once the WAL has
        // doubled, so a reader that never leaves costs a handful of short stalls, not one
        // per checkpoint. SQLite cannot start the WAL over under such a reader anyway.
        restart_at_ = rc == SQLITE_OK ? options_.restart_at_pages
                                      : std::max(options_.restart_at_pages, wal_pages * 2);
    }
    std::lock_guard lock(mutex_);
    // What came before was copied (or is held by a reader, and copied by a later one).
    if (wal_pages >= 0) checkpointed_at_ = wal_pages;
    if (rc == SQLITE_OK) {
        ++(restart ? stats_.restarts : stats_.passive);
    } else if ((rc & 0xFF) == SQLITE_BUSY) {
        ++stats_.busy;  // for a passive one: another process was checkpointing
        if (!restart) return;
        spdlog::warn(
            "store: the WAL ({} pages) could not start over: a reader kept an old snapshot "
            "for over {} ms; trying again at {} pages",
            wal_pages, kRestartWaitMicros / 1000, restart_at_);
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
