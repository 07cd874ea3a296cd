#pragma once
// Group commit for the server's requests over the SQLite store (http::Batching).

#include "firebreak/http/server.hpp"

namespace firebreak::store {
class Store;
}

namespace firebreak::web {

/// The requests read in one wake-up share one store::CommitGroup: each request's
/// transactions are savepoints in it, one COMMIT makes all of them durable, and only then
/// do their responses go out. `store` must outlive the server and be used by its I/O
/// thread only.
http::Batching group_commits(store::Store& store);

}  // namespace firebreak::web
