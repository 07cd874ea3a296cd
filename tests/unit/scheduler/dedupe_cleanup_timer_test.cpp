// The dedupe cleanup on a real io_context and store: its batches go back through the
// queue, a store that refuses never ends ioc.run(), and a destroyed timer is not touched.
#include "firebreak/scheduler/dedupe_cleanup_timer.hpp"

#include <sqlite3.h>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "fakes/manual_clock.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using namespace std::chrono_literals;

namespace {

/// 2,500 keys that expired an hour ago and 300 that live on, in a store on a file.
struct ExpiredKeys {
    testing::TempDir dir;
    std::string path = dir.file("fb.db");
    store::Store store{{path, "normal"}};
    fakes::ManualClock clock{core::Timestamp{core::Duration{1'795'341'600}}};
    app::DedupeJanitor janitor{store, clock, 1000};

    ExpiredKeys() {
        store.migrate();
        auto tx = store.begin();
        for (int i = 0; i < 2800; ++i)
            REQUIRE(tx.remember("slack", "event:" + std::to_string(i), clock.now(),
                                clock.now() + (i < 2500 ? 24h : 48h)));
        tx.commit();
        clock.advance(25h);
    }

    /// Runs `sql` from another connection (an operator's mistake, a broken file).
    void exec(const char* sql) {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        CHECK(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }

    int rows() {
        auto tx = store.read();
        int live = 0;
        for (int i = 0; i < 2800; ++i)
            live += tx.remembered("slack", "event:" + std::to_string(i), clock.now() - 26h);
        return live;  // as of before anything expired: every row still stored
    }
};

}  // namespace

TEST_CASE("a cleanup pass runs batches until one is short, each after the queue") {
    ExpiredKeys k;
    boost::asio::io_context ioc;
    scheduler::DedupeCleanupTimer cleanup(ioc, k.janitor);
    cleanup.start();
    CHECK(k.rows() == 2800);  // nothing runs on the caller's stack

    CHECK(ioc.poll_one() == 1);  // one batch, then back to the queue
    CHECK(k.rows() == 1800);
    CHECK(cleanup.last_pass().batches == 0);

    ioc.poll();
    CHECK(cleanup.last_pass().deleted == 2500);
    CHECK(cleanup.last_pass().batches == 3);
    CHECK_FALSE(cleanup.last_pass().failed);
    CHECK(k.rows() == 300);
    // It waits kEvery for the next pass: stopping cancels exactly that wait.
    CHECK_FALSE(ioc.stopped());
    cleanup.stop();
    CHECK(ioc.poll() == 1);
    CHECK(ioc.stopped());
}

TEST_CASE("a store that refuses ends the cleanup pass, not ioc.run()") {
    ExpiredKeys k;
    k.exec("DROP TABLE dedupe_keys");
    boost::asio::io_context ioc;
    scheduler::DedupeCleanupTimer cleanup(ioc, k.janitor);
    cleanup.start();
    CHECK_NOTHROW(ioc.poll());
    CHECK(cleanup.last_pass().failed);
    CHECK_FALSE(ioc.stopped());  // the next pass is armed
    cleanup.stop();
    CHECK_NOTHROW(ioc.run());
}

TEST_CASE(
    "a cleanup timer destroyed with its completion queued or its wait pending is not "
    "touched") {
    ExpiredKeys k;
    boost::asio::io_context ioc;
    // Expires first, so its handler runs while the cleanup's is already queued.
    boost::asio::steady_timer earlier(ioc, std::chrono::steady_clock::now() - 1h);
    auto cleanup = std::make_unique<scheduler::DedupeCleanupTimer>(ioc, k.janitor);
    cleanup->start();
    earlier.async_wait([&](const boost::system::error_code&) { cleanup.reset(); });
    CHECK_NOTHROW(ioc.run());  // under ASan, a use after free fails here
    CHECK(cleanup == nullptr);
    CHECK(k.rows() == 2800);
}
