#include "firebreak/web/metrics.hpp"

#include <utility>

namespace firebreak::web {
namespace {

constexpr const char* kDeclared = "firebreak_incidents_declared_total";
constexpr const char* kOpen = "firebreak_incidents_open";
constexpr const char* kCommands = "firebreak_commands_total";
constexpr const char* kSignatureFailures = "firebreak_signature_failures_total";
constexpr const char* kOutboxDepth = "firebreak_outbox_depth";
constexpr const char* kDeliveryFailures = "firebreak_outbox_delivery_failures_total";
constexpr const char* kReminderLateness = "firebreak_reminder_lateness_seconds";
constexpr const char* kHttpDuration = "firebreak_http_request_duration_seconds";
constexpr const char* kHttpResponses = "firebreak_http_responses_total";
constexpr const char* kConnectionEvents = "firebreak_http_connection_events_total";
constexpr const char* kConnectionsOpen = "firebreak_http_connections_open";
constexpr const char* kSocketEnvelopes = "firebreak_slack_socket_envelopes_total";
constexpr const char* kSocketReconnects = "firebreak_slack_socket_reconnects_total";
constexpr const char* kSocketAck = "firebreak_slack_socket_ack_seconds";

GaugeSource gauge_of(std::function<CountsByLabel()> source) {
    return [source = std::move(source)] {
        std::map<LabelValues, double> out;
        if (!source) return out;
        for (const auto& [label, n] : source()) out[{label}] = static_cast<double>(n);
        return out;
    };
}

}  // namespace

Metrics::Metrics() {
    registry_.add_counter(kDeclared, "Incidents declared, by severity.", {"severity"});
    registry_.add_gauge(kOpen, "Live incidents, by status.", {"status"}, {});
    registry_.add_counter(kCommands, "Commands handled, by result.", {"result"});
    for (const char* result : {"changed", "refused", "usage_error", "query"})
        registry_.touch(kCommands, {result});
    registry_.add_counter(kSignatureFailures,
                          "Requests refused because their signature or token did not verify.",
                          {"platform"});
    registry_.add_gauge(kOutboxDepth, "Outbox items not yet delivered, by platform.", {"platform"},
                        {});
    registry_.add_counter(kDeliveryFailures,
                          "Failed outbox deliveries, by platform; kind is retry or permanent.",
                          {"platform", "kind"});
    registry_.add_histogram(kReminderLateness, "How long after its due time a reminder fired.", {},
                            {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300});
    registry_.add_histogram(kHttpDuration, "Time to answer an HTTP request, by route.", {"route"},
                            {.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5});
    registry_.add_counter(kHttpResponses, "HTTP responses sent, by route and status code.",
                          {"route", "code"});
    registry_.add_counter(kConnectionEvents,
                          "Connections refused, reclaimed, timed out or answered 4xx before "
                          "routing, by event.",
                          {"event"});
    registry_.add_gauge(kConnectionsOpen, "Open HTTP connections, by listener.", {"listener"}, {});
    registry_.add_counter(kSocketEnvelopes, "Slack Socket Mode envelopes received, by type.",
                          {"type"});
    registry_.add_counter(kSocketReconnects, "Slack Socket Mode connections replaced, by reason.",
                          {"reason"});
    registry_.add_histogram(kSocketAck,
                            "Time from a Socket Mode envelope's arrival to its acknowledgement.",
                            {}, {.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 3});
}

void Metrics::socket_envelope(std::string_view type) {
    registry_.increment(kSocketEnvelopes, {std::string(type)});
}

void Metrics::socket_reconnect(std::string_view reason) {
    registry_.increment(kSocketReconnects, {std::string(reason)});
}

void Metrics::socket_acked(std::chrono::duration<double> latency) {
    registry_.observe(kSocketAck, {}, latency.count());
}

void Metrics::incident_declared(std::string_view severity) {
    registry_.increment(kDeclared, {std::string(severity)});
}

void Metrics::command_handled(std::string_view result) {
    registry_.increment(kCommands, {std::string(result)});
}

void Metrics::signature_failure(std::string_view platform) {
    registry_.increment(kSignatureFailures, {std::string(platform)});
}

void Metrics::outbox_delivery_failure(std::string_view platform, std::string_view kind) {
    registry_.increment(kDeliveryFailures, {std::string(platform), std::string(kind)});
}

void Metrics::reminder_fired(std::chrono::duration<double> lateness) {
    registry_.observe(kReminderLateness, {}, lateness.count());
}

void Metrics::http_request(std::string_view route, std::chrono::nanoseconds duration) {
    registry_.observe(kHttpDuration, {std::string(route)},
                      std::chrono::duration<double>(duration).count());
}

void Metrics::http_response(std::string_view route, int code) {
    registry_.increment(kHttpResponses, {std::string(route), std::to_string(code)});
}

void Metrics::connection_event(std::string_view event) {
    registry_.increment(kConnectionEvents, {std::string(event)});
}

void Metrics::set_open_connections_source(std::function<CountsByLabel()> source) {
    registry_.set_gauge_source(kConnectionsOpen, gauge_of(std::move(source)));
}

void Metrics::set_open_incidents_source(std::function<CountsByLabel()> source) {
    registry_.set_gauge_source(kOpen, gauge_of(std::move(source)));
}

void Metrics::set_outbox_depth_source(std::function<CountsByLabel()> source) {
    registry_.set_gauge_source(kOutboxDepth, gauge_of(std::move(source)));
}

}  // namespace firebreak::web
