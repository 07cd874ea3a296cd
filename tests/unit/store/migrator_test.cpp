#include <catch2/catch.hpp>

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
