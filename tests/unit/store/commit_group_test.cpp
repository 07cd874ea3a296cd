// Group commit (CommitGroup) and the WAL checkpointer: what a batch of commands keeps, and
// that the WAL stays bounded when no commit checkpoints it.
#include <filesystem>
#include <stdexcept>
#include <string>

#include "firebreak/store/checkpointer.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "store_test_support.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using namespace firebreak::store;
using namespace firebreak::store::testing;

namespace {

const core::Timestamp kExpires = t0() + 24h;

/// A migrated database file and a second connection to look at it from outside.
struct TwoConnections {
    firebreak::testing::TempDir dir;
    Store store{{dir.file("fb.db"), "normal"}};
    Store observer{{dir.file("fb.db"), "normal"}};

    TwoConnections() { store.migrate(); }

    /// Whether another connection sees `key`: only what was made durable.
    bool durable(const std::string& key) { return observer.read().remembered("slack", key, t0()); }
};

void remember_and_commit(Store& store, const std::string& key) {
    auto tx = store.begin();
    REQUIRE(tx.remember("slack", key, t0(), kExpires));
    tx.commit();
}

}  // namespace

TEST_CASE("transactions in a commit group become durable together, at the group's commit") {
    TwoConnections db;
    CommitGroup group(db.store);
    remember_and_commit(db.store, "first");
    remember_and_commit(db.store, "second");
    CHECK_FALSE(db.durable("first"));  // committed into the group, not yet to the file
    CHECK_FALSE(db.durable("second"));

    CHECK(group.commit());
    CHECK(db.durable("first"));
    CHECK(db.durable("second"));
    // The store is back to plain transactions.
    remember_and_commit(db.store, "third");
    CHECK(db.durable("third"));
}

TEST_CASE("a transaction rolled back inside a group takes only its own writes with it") {
    TwoConnections db;
    CommitGroup group(db.store);
    remember_and_commit(db.store, "kept-before");
    {
        auto tx = db.store.begin();
        REQUIRE(tx.remember("slack", "dropped", t0(), kExpires));
    }  // not committed: rolled back to its savepoint
    remember_and_commit(db.store, "kept-after");
    REQUIRE(group.commit());

    CHECK(db.durable("kept-before"));
    CHECK_FALSE(db.durable("dropped"));
    CHECK(db.durable("kept-after"));
}

TEST_CASE("a later transaction in a group sees what an earlier one committed") {
    // A retried Slack event in the same batch as the original must be seen as a retry.
    TwoConnections db;
    CommitGroup group(db.store);
    remember_and_commit(db.store, "Ev1");
    {
        auto tx = db.store.begin();
        CHECK_FALSE(tx.remember("slack", "Ev1", t0(), kExpires));
        tx.commit();
    }
    CHECK(db.store.read().remembered("slack", "Ev1", t0()));
    REQUIRE(group.commit());
}

TEST_CASE("a group that is not committed keeps nothing") {
    TwoConnections db;
    {
        CommitGroup group(db.store);
        remember_and_commit(db.store, "lost");
    }
    CHECK_FALSE(db.durable("lost"));
    CHECK_FALSE(db.store.read().remembered("slack", "lost", t0()));
}

TEST_CASE("the on_commit listener runs once per group, and only when something was written") {
    TwoConnections db;
    int commits = 0;
    db.store.on_commit([&] { ++commits; });
    {
        CommitGroup group(db.store);
        remember_and_commit(db.store, "a");
        remember_and_commit(db.store, "b");
        CHECK(commits == 0);
        REQUIRE(group.commit());
    }
    CHECK(commits == 1);
    {
        CommitGroup group(db.store);
        auto tx = db.store.read();
        CHECK(tx.remembered("slack", "a", t0()));
        tx.commit();
        REQUIRE(group.commit());
    }
    CHECK(commits == 1);
}

TEST_CASE("a commit group cannot open inside a transaction") {
    TwoConnections db;
    auto tx = db.store.begin();
    CHECK_THROWS_AS(CommitGroup(db.store), std::logic_error);
}

TEST_CASE(
    "with the checkpointer, commits leave SQLite's checkpoint alone and the WAL stays "
    "bounded") {
    firebreak::testing::TempDir dir;
    Store store({dir.file("fb.db"), "normal"});
    store.migrate();
    const auto wal = std::filesystem::path(dir.file("fb.db-wal"));
    int pages = 0;
    store.on_wal_commit([&](int now) { pages = now; });

    // No automatic checkpoint: the WAL only grows.
    int most = 0;
    for (int i = 0; most < 1100; ++i) {
        remember_and_commit(store, "unchecked-" + std::to_string(i));
        CHECK(pages >= most);
        most = pages;
    }
    const auto grown = std::filesystem::file_size(wal);

    CheckpointerOptions options;
    options.start_at_pages = 16;
    options.restart_at_pages = 64;
    Checkpointer checkpointer(dir.file("fb.db"), options);
    checkpointer.checkpoint();  // PASSIVE copies the pages, and past 64 pages RESTART follows
    CHECK(checkpointer.stats().passive == 0);
    CHECK(checkpointer.stats().restarts == 1);
    remember_and_commit(store, "after-restart");
    CHECK(pages < 16);  // the next commit started the WAL over

    // From here the checkpointer is told of every commit; it runs on this thread here, for
    // a deterministic test. With no writer during a passive checkpoint, that one reaches
    // the end and the WAL starts over without a RESTART.
    store.on_wal_commit([&](int now) {
        pages = now;
        checkpointer.wal_grew(now);
    });
    most = 0;
    for (int i = 0; i < 600; ++i) {
        remember_and_commit(store, "checked-" + std::to_string(i));
        most = std::max(most, pages);
        if (pages >= options.start_at_pages) checkpointer.checkpoint();
    }
    const CheckpointerStats stats = checkpointer.stats();
    CHECK(stats.passive > 10);
    CHECK(stats.restarts == 1);
    CHECK(stats.failed == 0);
    // One commit past the trigger at most: a commit that splits B-tree pages (here the
    // dedupe index, wherever the schema's other tables put it) writes up to ~9 at once.
    CHECK(most < options.start_at_pages + 12);
    CHECK(std::filesystem::file_size(wal) <= grown);  // reused from the start, never longer
    // Everything is still there.
    CHECK(store.read().remembered("slack", "unchecked-0", t0()));
    CHECK(store.read().remembered("slack", "checked-599", t0()));
}

TEST_CASE("a RESTART gives up while an old reader stays, and waits for the WAL to double") {
    TwoConnections db;
    int pages = 0;
    db.store.on_wal_commit([&](int now) { pages = now; });  // no automatic checkpoint
    remember_and_commit(db.store, "before-the-reader");
    auto reader = db.observer.read();
    REQUIRE(reader.remembered("slack", "before-the-reader", t0()));  // holds this snapshot
    for (int i = 0; pages < 80; ++i) remember_and_commit(db.store, "after-" + std::to_string(i));

    CheckpointerOptions options;
    options.start_at_pages = 16;
    options.restart_at_pages = 64;
    Checkpointer checkpointer(db.dir.file("fb.db"), options);
    checkpointer.checkpoint();
    CHECK(checkpointer.stats().busy == 1);
    CHECK(checkpointer.stats().restarts == 0);
    remember_and_commit(db.store, "writers-go-on");  // the writer lock was let go

    // Below twice the size it gave up at, no RESTART is tried: a passive one only.
    checkpointer.checkpoint();
    CHECK(checkpointer.stats().busy == 1);
    CHECK(checkpointer.stats().passive == 1);

    reader.commit();  // the old snapshot is gone: a passive checkpoint reaches the end
    checkpointer.checkpoint();
    CHECK(checkpointer.stats().passive == 2);
    remember_and_commit(db.store, "after-the-reader");
    CHECK(pages < 16);  // and the WAL started over
}

TEST_CASE("a checkpoint is due once start_at_pages more pages came, not at every commit past") {
    TwoConnections db;  // migrated: the WAL already holds more than start_at_pages
    CheckpointerOptions options;
    options.start_at_pages = 16;
    options.restart_at_pages = 1'000'000;  // passive ones only
    Checkpointer checkpointer(db.dir.file("fb.db"), options);
    int pages = 0;
    bool due = false;
    db.store.on_wal_commit([&](int now) {
        pages = now;
        due = checkpointer.wal_grew(now);
    });
    // A reader keeps a snapshot: the WAL cannot start over, as under load.
    remember_and_commit(db.store, "before-the-reader");
    CHECK(due);
    auto reader = db.observer.read();
    REQUIRE(reader.remembered("slack", "before-the-reader", t0()));
    checkpointer.checkpoint();
    const int checkpointed = pages;

    int quiet_commits = 0;
    due = false;
    for (int i = 0; !due && i < 1000; ++i) {
        remember_and_commit(db.store, "a-" + std::to_string(i));
        if (!due) ++quiet_commits;
    }
    REQUIRE(due);
    CHECK(quiet_commits > 1);
    CHECK(pages >= checkpointed + options.start_at_pages);
    CHECK(pages < checkpointed + options.start_at_pages + 12);
    remember_and_commit(db.store, "while-due");
    CHECK_FALSE(due);  // once is enough until it has run
    checkpointer.checkpoint();
    CHECK(checkpointer.stats().passive == 2);

    // Once the reader leaves, a checkpoint reaches the end and the WAL starts over: the
    // count starts from nothing again.
    reader.commit();
    checkpointer.checkpoint();
    remember_and_commit(db.store, "after-the-reader");
    CHECK(pages < options.start_at_pages);
    CHECK_FALSE(due);
    for (int i = 0; !due && i < 1000; ++i) remember_and_commit(db.store, "b-" + std::to_string(i));
    CHECK(due);
    CHECK(pages >= options.start_at_pages);
    CHECK(pages < options.start_at_pages + 12);
}

TEST_CASE("reads before a group's first write do not wait for the write lock") {
    TwoConnections db;
    remember_and_commit(db.store, "seen");
    auto other_writer = db.observer.begin();  // holds the write lock
    CommitGroup group(db.store);
    {
        auto tx = db.store.read();
        CHECK(tx.remembered("slack", "seen", t0()));
        tx.commit();
    }
    CHECK(group.commit());  // nothing was written: nothing to commit
    other_writer.commit();
}

TEST_CASE("a group commit stays kept when the on_commit listener throws") {
    TwoConnections db;
    db.store.on_commit([] { throw std::runtime_error("the scheduler refused"); });
    CommitGroup group(db.store);
    remember_and_commit(db.store, "kept");
    CHECK(group.commit());
    CHECK(db.durable("kept"));
}

TEST_CASE("the checkpointer refuses a database that is not in WAL mode") {
    CHECK_THROWS_AS(Checkpointer(":memory:"), StoreError);
}
