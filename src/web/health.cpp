#include "firebreak/web/health.hpp"

#include <exception>
#include <nlohmann/json.hpp>
#include <utility>

namespace firebreak::web {
namespace {

using nlohmann::json;

std::vector<Check> run_probe(const ReadinessProbe& probe) {
    try {
        return probe();
    } catch (const std::exception& e) {
        return {{"probe", false, e.what()}};
    } catch (...) {
        return {{"probe", false, "unknown exception"}};
    }
}

http::Response readiness(const ReadinessProbe& probe) {
    bool ready = true;
    json checks = json::array();
    for (const Check& check : run_probe(probe)) {
        ready = ready && check.ok;
        checks.push_back(json{{"name", check.name}, {"ok", check.ok}, {"detail", check.detail}});
    }
    const json body = {{"ready", ready}, {"checks", std::move(checks)}};
    return http::json_response(ready ? http::Status::ok : http::Status::service_unavailable,
                               body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

/// Health answers describe this instant; no cache may keep them.
http::Response uncached(http::Response response) {
    response.set(http::Field::cache_control, "no-store");
    return response;
}

}  // namespace

void add_liveness_route(http::Router& router) {
    router.add(http::Verb::get, "/healthz", [](const http::Request&) {
        return uncached(http::json_response(http::Status::ok, R"({"status":"ok"})"));
    });
}

void add_health_routes(http::Router& router, ReadinessProbe probe) {
    add_liveness_route(router);
    router.add(http::Verb::get, "/readyz", [probe = std::move(probe)](const http::Request&) {
        return uncached(readiness(probe));
    });
}

}  // namespace firebreak::web
