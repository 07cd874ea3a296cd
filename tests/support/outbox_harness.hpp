#pragma once
// What every in-process platform harness does the same way: run the outbox worker until it
// is empty, moving the manual clock to each next due time, and count rows in the database
// file behind its back.

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <string>

#include "fakes/manual_clock.hpp"
#include "firebreak/app/outbox_worker.hpp"

namespace firebreak::testing {

/// Runs worker passes, moving `clock` to each next due time (pacing, retries), until the
/// outbox is empty; fails when `limit` of clock time passes first.
inline void settle_outbox(app::OutboxWorker& worker, fakes::ManualClock& clock,
                          core::Duration limit) {
    core::Timestamp end = clock.now() + limit;
    for (int pass = 0; pass < 1000; ++pass) {
        auto next = worker.deliver_due();
        if (!next) return;
        if (*next > end) FAIL("the outbox still had work at the end of the time limit");
        if (*next > clock.now()) clock.set(*next);
    }
    FAIL("the outbox did not settle in 1000 passes");
}

/// The first column of the first row `sql` gives, read from `db_file` on a connection of
/// its own.
inline int count_rows(const std::string& db_file, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(db_file.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    int n = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
}

}  // namespace firebreak::testing
