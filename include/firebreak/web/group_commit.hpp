#pragma once
// Group commit for the server's requests over the SQLite store (http::Batching).

#include <memory>

#include "firebreak/http/server.hpp"
#include "firebreak/web/held_counts.hpp"

namespace firebreak::store {
class Store;
}

namespace firebreak::web {

/// The requests that arrived together (read while the previous group was being routed)
/// share one store::CommitGroup: each request's transactions are savepoints in it, one
/// COMMIT makes all of them durable, and only then do their responses go out. `store` must
/// outlive the server and be used only by the thread that routes its requests (the
/// application's, never an IoThread's). With `counts`, what the group's requests counted is held
/// until its commit (see HeldCounts).
http::Batching group_commits(store::Store& store, std::shared_ptr<HeldCounts> counts = nullptr);

}  // namespace firebreak::web
