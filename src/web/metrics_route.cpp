// GET /metrics, and the router observer that feeds the HTTP latency and response families.
#include <utility>

#include "firebreak/web/metrics.hpp"

namespace firebreak::web {

void add_metrics_route(http::Router& router, std::shared_ptr<Metrics> metrics) {
    router.add(http::Verb::get, "/metrics", [metrics = std::move(metrics)](const http::Request&) {
        http::Response response =
            http::make_response(http::Status::ok, metrics->render(), kPrometheusContentType);
        response.set(http::Field::cache_control, "no-store");
        return response;
    });
}

http::Router::Observer request_timer(std::shared_ptr<Metrics> metrics) {
    return [metrics = std::move(metrics)](const http::Request&, std::string_view route,
                                          http::Status status, std::chrono::nanoseconds duration) {
        metrics->http_request(route, duration);
        metrics->http_response(route, static_cast<int>(status));
    };
}

}  // namespace firebreak::web
