#pragma once
// firebreak's Prometheus metrics, and GET /metrics to scrape them.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "firebreak/http/router.hpp"
#include "firebreak/web/metrics_registry.hpp"

namespace firebreak::web {

/// A count per label value ("investigating" → 2), computed when scraped.
using CountsByLabel = std::map<std::string, std::int64_t>;

/// The families, all prefixed firebreak_. Every method is safe to call from any thread.
class Metrics {
  public:
    Metrics();

    /// firebreak_incidents_declared_total{severity}
    void incident_declared(std::string_view severity);
    /// firebreak_commands_total{result}; result is changed, refused, usage_error or query.
    void command_handled(std::string_view result);
    /// firebreak_signature_failures_total{platform}: a request whose signature or token
    /// did not verify.
    void signature_failure(std::string_view platform);
    /// firebreak_outbox_delivery_failures_total{platform,kind}; kind is retry (will be
    /// tried again) or permanent (given up).
    void outbox_delivery_failure(std::string_view platform, std::string_view kind);
    /// firebreak_reminder_lateness_seconds: how long after its due time a reminder fired.
    void reminder_fired(std::chrono::duration<double> lateness);
    /// firebreak_http_request_duration_seconds{route}
    void http_request(std::string_view route, std::chrono::nanoseconds duration);
    /// firebreak_http_responses_total{route,code}: the status actually sent ("503" for a
    /// request whose commit group was not kept, whatever its handler answered).
    void http_response(std::string_view route, int code);

    /// firebreak_http_connection_events_total{event}: what the server did to a misbehaving
    /// or crowding connection (http::ConnectionEvent's labels).
    void connection_event(std::string_view event);
    /// firebreak_http_connections_open{listener}, asked on each scrape.
    void set_open_connections_source(std::function<CountsByLabel()> source);
    /// firebreak_slack_socket_envelopes_total{type}: Socket Mode envelopes received.
    void socket_envelope(std::string_view type);
    /// firebreak_slack_socket_reconnects_total{reason}: warning, refresh_requested,
    /// dropped, dead_link.
    void socket_reconnect(std::string_view reason);
    /// firebreak_slack_socket_ack_seconds: envelope received → acknowledged.
    void socket_acked(std::chrono::duration<double> latency);

    /// firebreak_incidents_open{status}: live incidents by status, asked on each scrape.
    void set_open_incidents_source(std::function<CountsByLabel()> source);
    /// firebreak_outbox_depth{platform}: undelivered outbox items, asked on each scrape.
    void set_outbox_depth_source(std::function<CountsByLabel()> source);

    /// The exposition, Prometheus text format 0.0.4.
    std::string render() const { return registry_.render(); }

  private:
    MetricsRegistry registry_;
};

/// The Content-Type of the exposition.
inline constexpr std::string_view kPrometheusContentType =
    "text/plain; version=0.0.4; charset=utf-8";

/// GET /metrics: 200 with metrics->render(), never cached.
void add_metrics_route(http::Router& router, std::shared_ptr<Metrics> metrics);

/// An http::Router observer that times every request into http_request_duration_seconds
/// and counts its status in http_responses_total. The route label is the registered path
/// or "unmatched", so it cannot grow without bound.
http::Router::Observer request_timer(std::shared_ptr<Metrics> metrics);

}  // namespace firebreak::web
