#pragma once
// Checkpoints the WAL on a thread of its own, so that no command waits for one.
//
// SQLite's automatic checkpoint runs on whichever connection's commit pushes the WAL past
// 1000 pages: that commit then copies the pages into the database file and waits for the
// disk (fdatasync, with synchronous=normal), and the requests behind it wait too. Here the
// stores only report the WAL's size after each commit (Store::on_wal_commit), and this
// thread does the copying with PASSIVE checkpoints, which never block a writer; writers
// wait only for the short RESTART that lets the WAL start over.

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace firebreak::store {

class Connection;

struct CheckpointerOptions {
    /// A checkpoint starts once this many pages came into the WAL since the last one
    /// (SQLite's own default size). Under load a passive checkpoint rarely reaches the
    /// WAL's end, so the WAL does not start over, and "once it holds this many" would
    /// start one after every commit: each a sync, copying the same hot pages again.
    int start_at_pages = 1000;
    /// SQLite starts the WAL over only once a checkpoint has copied all of it, which
    /// passive checkpoints never manage while commits keep coming. Past this size, after a
    /// passive one has copied the bulk, a RESTART checkpoint copies the rest and syncs
    /// while the writers wait (milliseconds), and the next commit starts the file over.
    /// 4,096 pages of 4 KiB, with checkpoints every start_at_pages: the WAL stays under
    /// about 20 MiB. A RESTART waits at most
    /// 200 ms for the lock and for readers of older pages; when it gives up, the next one
    /// waits until the WAL has doubled.
    int restart_at_pages = 4096;
    /// The stores' `synchronous` setting (off | normal | full | extra), already checked
    /// by Store: what a checkpoint syncs.
    std::string synchronous = "normal";
};

struct CheckpointerStats {
    std::int64_t passive = 0;   ///< passive checkpoints run
    std::int64_t restarts = 0;  ///< checkpoints that had the WAL start over
    std::int64_t busy = 0;      ///< checkpoints put off: the lock stayed busy
    std::int64_t failed = 0;    ///< checkpoints SQLite refused (logged)
};

class Checkpointer {
  public:
    /// Opens its own connection to the database at `path` (already in WAL mode). Throws
    /// StoreError.
    explicit Checkpointer(const std::string& path, CheckpointerOptions options = {});
    /// Calls stop().
    ~Checkpointer();
    Checkpointer(const Checkpointer&) = delete;
    Checkpointer& operator=(const Checkpointer&) = delete;

    void start();
    /// Finishes a checkpoint in progress and joins the thread. The last connection to
    /// close checkpoints what is left.
    void stop();

    /// Called by a store after each commit with the WAL's size in pages. Cheap and safe
    /// from any thread; wakes the thread when a checkpoint is due. True when this call made
    /// one due.
    bool wal_grew(int pages);

    /// Runs one checkpoint now, on the calling thread: what the thread does when woken.
    /// One runs at a time.
    void checkpoint();

    CheckpointerStats stats() const;

  private:
    void run();

    const CheckpointerOptions options_;
    std::unique_ptr<Connection> connection_;
    std::mutex checkpointing_;  // held through checkpoint(): the connection is one thread's
    int restart_at_;            // guarded by checkpointing_: the WAL size for the next RESTART
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool due_ = false;         // guarded by mutex_
    int checkpointed_at_ = 0;  // guarded by mutex_: the WAL's size at the last checkpoint
    bool stopping_ = false;    // guarded by mutex_
    CheckpointerStats stats_;  // guarded by mutex_
    std::thread thread_;
};

}  // namespace firebreak::store
