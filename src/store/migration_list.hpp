#pragma once
// The migrations compiled into the binary (generated from migrations/*.sql).

#include <string>
#include <vector>

#include "firebreak/store/store.hpp"

namespace firebreak::store {

class Connection;

struct Migration {
    int version;
    const char* name;
    const char* sql;
};

/// In version order.
const std::vector<Migration>& embedded_migrations();

/// The highest version recorded in schema_migrations (created if missing); 0 when none.
int recorded_version(Connection& connection);

/// Applies `migrations` newer than the recorded version, each in its own transaction
/// that re-reads the version first, so that a migration another process applied
/// meanwhile is skipped. Throws StoreError when one fails (it is rolled back; earlier
/// ones stay) or when the database is newer than the newest of `migrations`. `path`
/// names the database in errors.
MigrationReport run_migrations(Connection& connection, const std::string& path,
                               const std::vector<Migration>& migrations);

}  // namespace firebreak::store
