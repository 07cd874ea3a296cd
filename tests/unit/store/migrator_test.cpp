#include <catch2/catch.hpp>
#include <latch>
#include <optional>
#include <string>
#include <thread>

#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "migration_list.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak::store;

namespace {

int count_tables(Connection& c) {
    Statement& s = c.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'");
    s.step();
    int n = static_cast<int>(s.integer(0));
    s.reset();
    return n;
}

}  // namespace

TEST_CASE("migrations apply once and a second run changes nothing") {
    firebreak::testing::TempDir dir;
    Store store({dir.file("fb.db"), "normal"});
    CHECK(store.schema_version() == 0);
    MigrationReport first = store.migrate();
    CHECK(first.from_version == 0);
    CHECK(first.to_version == Store::latest_version());
    REQUIRE_FALSE(first.applied.empty());
    CHECK(first.applied.front() == "0001_initial");

    MigrationReport second = store.migrate();
    CHECK(second.applied.empty());
    CHECK(second.from_version == Store::latest_version());
    CHECK(store.schema_version() == Store::latest_version());
}

TEST_CASE("the store creates missing parent directories and uses WAL") {
    firebreak::testing::TempDir dir;
    std::string path = dir.file("nested/deeper/fb.db");
    Store store({path, "full"});
    store.migrate();
    CHECK(std::filesystem::exists(path));
    Connection c(path);
    Statement& s = c.prepare("PRAGMA journal_mode");
    REQUIRE(s.step());
    CHECK(s.text(0) == "wal");
}

TEST_CASE("a database that SQLite will not put in WAL mode is refused") {
    // An empty path is a temporary database: SQLite keeps journal mode "delete".
    CHECK_THROWS_WITH(Store({"", "normal"}), Catch::Contains("kept journal mode 'delete'"));
    CHECK_NOTHROW(Store({":memory:", "normal"}));  // in memory answers "memory"
}

TEST_CASE("two processes starting at once both migrate and the schema is applied once") {
    // Repeated on fresh files so that the two really overlap at least some of the time.
    for (int round = 0; round < 20; ++round) {
        INFO("round " << round);
        firebreak::testing::TempDir dir;
        const std::string path = dir.file("fb.db");
        std::latch start(2);
        std::optional<MigrationReport> reports[2];
        std::string errors[2];
        auto starter = [&](int i) {
            start.arrive_and_wait();
            try {
                Store store({path, "normal"});
                reports[i] = store.migrate();
            } catch (const StoreError& e) {
                errors[i] = e.what();
            }
        };
        std::thread a(starter, 0);
        std::thread b(starter, 1);
        a.join();
        b.join();
        CHECK(errors[0] == "");
        CHECK(errors[1] == "");
        REQUIRE(reports[0]);
        REQUIRE(reports[1]);
        CHECK(reports[0]->to_version == Store::latest_version());
        CHECK(reports[1]->to_version == Store::latest_version());
        CHECK(reports[0]->applied.size() + reports[1]->applied.size() ==
              embedded_migrations().size());

        Connection c(path);
        Statement& s = c.prepare("SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_migrations");
        REQUIRE(s.step());
        CHECK(s.integer(0) == static_cast<std::int64_t>(embedded_migrations().size()));
        CHECK(s.integer(1) == s.integer(0));
        s.reset();
    }
}

TEST_CASE("an unknown synchronous setting is refused") {
    CHECK_THROWS_WITH(Store({":memory:", "sometimes"}),
                      "synchronous must be off, normal, full or extra, not 'sometimes'");
}

TEST_CASE("a database newer than the code is refused") {
    firebreak::testing::TempDir dir;
    {
        Store store({dir.file("fb.db"), "normal"});
        store.migrate();
    }
    {
        Connection c(dir.file("fb.db"));
        c.exec("INSERT INTO schema_migrations VALUES (9999, 'from_the_future', 0)");
    }
    Store store({dir.file("fb.db"), "normal"});
    CHECK_THROWS_WITH(store.migrate(),
                      Catch::Contains("schema version 9999, newer than this firebreak"));
}

TEST_CASE("a failing migration is rolled back and earlier ones stay applied") {
    firebreak::testing::TempDir dir;
    Connection c(dir.file("fb.db"));
    std::vector<Migration> list{
        {1, "first", "CREATE TABLE a (x INTEGER);"},
        {2, "broken", "CREATE TABLE b (x INTEGER); INSERT INTO no_such_table VALUES (1);"},
    };
    CHECK_THROWS_WITH(run_migrations(c, "fb.db", list),
                      Catch::Contains("migration 0002_broken failed and was rolled back"));
    CHECK(recorded_version(c) == 1);
    Statement& s = c.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'");
    s.step();
    CHECK(s.integer(0) == 0);  // table b was created, then rolled back
    s.reset();

    list[1].sql = "CREATE TABLE b (x INTEGER);";
    MigrationReport fixed = run_migrations(c, "fb.db", list);
    CHECK(fixed.applied == std::vector<std::string>{"0002_broken"});
    CHECK(count_tables(c) == 3);  // a, b, schema_migrations
}
