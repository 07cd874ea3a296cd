// Store::migrate and Store::schema_version: the migrations runner.
#include <chrono>

#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "migration_list.hpp"

namespace firebreak::store {
namespace {

void ensure_version_table(Connection& c) {
    c.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
}

std::string label(const Migration& m) {
    std::string number = std::to_string(m.version);
    return std::string(4 - std::min<std::size_t>(4, number.size()), '0') + number + "_" + m.name;
}

}  // namespace

int recorded_version(Connection& connection) {
    ensure_version_table(connection);
    Statement& s = connection.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    s.step();
    int version = static_cast<int>(s.integer(0));
    s.reset();
    return version;
}

MigrationReport run_migrations(Connection& connection, const std::string& path,
                               const std::vector<Migration>& migrations) {
    int latest = migrations.empty() ? 0 : migrations.back().version;
    MigrationReport report;
    report.from_version = recorded_version(connection);
    report.to_version = report.from_version;
    if (report.from_version > latest)
        throw StoreError("the database " + path + " is at schema version " +
                         std::to_string(report.from_version) + ", newer than this firebreak (" +
                         std::to_string(latest) +
                         "); run a newer firebreak or restore a matching backup");

    for (const Migration& m : migrations) {
        if (m.version <= report.to_version) continue;
        connection.exec("BEGIN IMMEDIATE");
        try {
            // Another process starting at the same time may have applied it between
            // the read above and this write lock; the lock makes this read final.
            const int current = recorded_version(connection);
            if (current >= m.version) {
                connection.exec("COMMIT");
                report.to_version = current;
                continue;
            }
            connection.exec(m.sql);
            auto now = std::chrono::duration_cast<std::chrono::seconds>(
                std::chrono::system_clock::now().time_since_epoch());
            Statement& record = connection.prepare(
                "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)");
            record.bind(1, std::int64_t{m.version})
                .bind(2, std::string(m.name))
                .bind(3, std::int64_t{now.count()});
            record.run();
            connection.exec("COMMIT");
        } catch (const StoreError& e) {
            connection.exec("ROLLBACK");
            throw StoreError("migration " + label(m) + " failed and was rolled back: " + e.what());
        }
        report.applied.push_back(label(m));
        report.to_version = m.version;
    }
    return report;
}

int Store::schema_version() {
    return recorded_version(*connection_);
}

MigrationReport Store::migrate() {
    return run_migrations(*connection_, path_, embedded_migrations());
}

}  // namespace firebreak::store
