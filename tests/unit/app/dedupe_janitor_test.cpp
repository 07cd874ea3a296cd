// Expired dedupe keys are deleted in bounded batches; live ones stay.
#include "firebreak/app/dedupe_janitor.hpp"

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <string>

#include "fakes/manual_clock.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using namespace std::chrono_literals;

namespace {

/// A store on a file, so another connection can count its rows.
struct KeyStore {
    testing::TempDir dir;
    std::string path = dir.file("fb.db");
    store::Store store{{path, "normal"}};
    fakes::ManualClock clock{core::Timestamp{core::Duration{1'795'341'600}}};

    KeyStore() { store.migrate(); }

    /// `n` keys seen now, remembered for `ttl`, as the front door remembers requests.
    void remember(int n, core::Duration ttl, const std::string& prefix) {
        auto tx = store.begin();
        for (int i = 0; i < n; ++i)
            REQUIRE(
                tx.remember("slack", prefix + std::to_string(i), clock.now(), clock.now() + ttl));
        tx.commit();
    }

    int rows() const {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
        sqlite3_stmt* s = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM dedupe_keys", -1, &s, nullptr) ==
                SQLITE_OK);
        REQUIRE(sqlite3_step(s) == SQLITE_ROW);
        int n = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
        sqlite3_close(db);
        return n;
    }
};

}  // namespace

TEST_CASE("the janitor deletes expired keys a batch per transaction and keeps live ones") {
    KeyStore s;
    s.remember(2500, 24h, "event:");
    s.remember(300, 48h, "late:");
    REQUIRE(s.rows() == 2800);
    app::DedupeJanitor janitor(s.store, s.clock, 1000);

    CHECK(janitor.forget_batch().deleted == 0);  // nothing has expired yet
    CHECK(s.rows() == 2800);

    s.clock.advance(25h);
    int deleted = 0, batches = 0;
    app::DedupeJanitor::Batch batch;
    do {
        batch = janitor.forget_batch();
        deleted += batch.deleted;
        ++batches;
        CHECK(batch.deleted <= 1000);
        CHECK(s.rows() == 2800 - deleted);  // each batch is committed on its own
    } while (batch.full);
    CHECK(deleted == 2500);
    CHECK(batches == 3);  // 1000, 1000, then 500: short, so none is left
    CHECK(s.rows() == 300);

    s.clock.advance(24h);
    batch = janitor.forget_batch();
    CHECK(batch.deleted == 300);
    CHECK_FALSE(batch.full);
    CHECK(s.rows() == 0);
}

TEST_CASE("a key expiring exactly now is deleted, and a full last batch asks for one more") {
    KeyStore s;
    s.remember(4, 1h, "k");
    s.clock.advance(1h);
    app::DedupeJanitor janitor(s.store, s.clock, 2);
    CHECK(janitor.forget_batch().full);
    CHECK(janitor.forget_batch().full);  // it cannot know that nothing is left
    const auto last = janitor.forget_batch();
    CHECK(last.deleted == 0);
    CHECK_FALSE(last.full);
}
