#pragma once
// Liveness and readiness endpoints for load balancers and orchestrators.

#include <functional>
#include <string>
#include <vector>

#include "firebreak/http/router.hpp"

namespace firebreak::web {

/// One readiness condition, e.g. {"store", true, "open"} or {"migrations", false, "3 pending"}.
struct Check {
    std::string name;
    bool ok = false;
    std::string detail;
};

/// Evaluates every readiness condition; called on each GET /readyz, on the thread that routes
/// requests, so it must be quick.
using ReadinessProbe = std::function<std::vector<Check>()>;

/// GET /healthz: 200 {"status":"ok"} whenever the process can answer. Tells nothing else, so
/// it may be served where anyone can reach it.
void add_liveness_route(http::Router& router);

/// GET /healthz as above, and GET /readyz: 200
/// {"ready":true,"checks":[{"name":…,"ok":…,"detail":…},…]} when every check is ok, else 503 with
/// the same shape and "ready":false. A probe that throws counts as not ready (one check named
/// "probe" carries the reason). The checks name paths and versions: serve them only where operators
/// reach them (server.admin_listen).
void add_health_routes(http::Router& router, ReadinessProbe probe);

}  // namespace firebreak::web
