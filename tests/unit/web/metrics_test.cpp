#include "firebreak/web/metrics.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <thread>
#include <vector>

#include "support/prometheus_text.hpp"

using namespace firebreak;
using testing::parse_prometheus_text;
using testing::PromExposition;

namespace {

PromExposition scrape(const web::Metrics& metrics) {
    PromExposition e = parse_prometheus_text(metrics.render());
    INFO(metrics.render());
    for (const auto& error : e.errors) FAIL_CHECK(error);
    return e;
}

}  // namespace

TEST_CASE("a fresh registry's exposition parses and declares every family") {
    web::Metrics metrics;
    const PromExposition e = scrape(metrics);
    const std::map<std::string, std::string> expected{
        {"firebreak_incidents_declared_total", "counter"},
        {"firebreak_incidents_open", "gauge"},
        {"firebreak_commands_total", "counter"},
        {"firebreak_signature_failures_total", "counter"},
        {"firebreak_outbox_depth", "gauge"},
        {"firebreak_outbox_delivery_failures_total", "counter"},
        {"firebreak_reminder_lateness_seconds", "histogram"},
        {"firebreak_http_request_duration_seconds", "histogram"},
        {"firebreak_http_responses_total", "counter"},
        {"firebreak_http_connection_events_total", "counter"},
        {"firebreak_http_connections_open", "gauge"},
        {"firebreak_slack_socket_envelopes_total", "counter"},
        {"firebreak_slack_socket_reconnects_total", "counter"},
        {"firebreak_slack_socket_ack_seconds", "histogram"},
    };
    CHECK(e.types == expected);
    // Every command result shows from the start, at zero.
    for (const char* result : {"changed", "refused", "usage_error", "query"})
        CHECK(e.value("firebreak_commands_total", {{"result", result}}) == 0);
    CHECK(e.value("firebreak_reminder_lateness_seconds_count") == 0);
}

TEST_CASE("connection events are counted by event, and open connections asked on scrape") {
    web::Metrics metrics;
    metrics.connection_event("reclaimed");
    metrics.connection_event("reclaimed");
    metrics.connection_event("bad_request");
    metrics.set_open_connections_source([] { return web::CountsByLabel{{"public", 3}}; });
    const PromExposition e = scrape(metrics);
    CHECK(e.value("firebreak_http_connection_events_total", {{"event", "reclaimed"}}) == 2);
    CHECK(e.value("firebreak_http_connection_events_total", {{"event", "bad_request"}}) == 1);
    CHECK(e.value("firebreak_http_connections_open", {{"listener", "public"}}) == 3);
}

TEST_CASE("counters move by label") {
    web::Metrics metrics;
    metrics.incident_declared("sev1");
    metrics.incident_declared("sev1");
    metrics.incident_declared("sev3");
    metrics.command_handled("changed");
    metrics.signature_failure("slack");
    metrics.outbox_delivery_failure("slack", "retry");
    metrics.outbox_delivery_failure("slack", "permanent");
    metrics.outbox_delivery_failure("slack", "retry");
    const PromExposition e = scrape(metrics);
    CHECK(e.value("firebreak_incidents_declared_total", {{"severity", "sev1"}}) == 2);
    CHECK(e.value("firebreak_incidents_declared_total", {{"severity", "sev3"}}) == 1);
    CHECK(e.value("firebreak_commands_total", {{"result", "changed"}}) == 1);
    CHECK(e.value("firebreak_signature_failures_total", {{"platform", "slack"}}) == 1);
    CHECK(e.value("firebreak_outbox_delivery_failures_total",
                  {{"platform", "slack"}, {"kind", "retry"}}) == 2);
    CHECK(e.value("firebreak_outbox_delivery_failures_total",
                  {{"platform", "slack"}, {"kind", "permanent"}}) == 1);
}

TEST_CASE("a histogram counts each observation in every bucket at or above it") {
    web::Metrics metrics;
    using std::chrono::duration;
    metrics.reminder_fired(duration<double>(0.01));  // on a bound: counts in le="0.01"
    metrics.reminder_fired(duration<double>(0.7));
    metrics.reminder_fired(duration<double>(45));
    metrics.reminder_fired(duration<double>(1000));  // past the last bound: +Inf only
    const PromExposition e = scrape(metrics);
    const std::string bucket = "firebreak_reminder_lateness_seconds_bucket";
    CHECK(e.value(bucket, {{"le", "0.01"}}) == 1);
    CHECK(e.value(bucket, {{"le", "0.5"}}) == 1);
    CHECK(e.value(bucket, {{"le", "1"}}) == 2);
    CHECK(e.value(bucket, {{"le", "30"}}) == 2);
    CHECK(e.value(bucket, {{"le", "60"}}) == 3);
    CHECK(e.value(bucket, {{"le", "300"}}) == 3);
    CHECK(e.value(bucket, {{"le", "+Inf"}}) == 4);
    CHECK(e.value("firebreak_reminder_lateness_seconds_count") == 4);
    CHECK(e.value("firebreak_reminder_lateness_seconds_sum") == Approx(1045.71));
}

TEST_CASE("http latency is recorded per route with sub-millisecond buckets") {
    web::Metrics metrics;
    metrics.http_request("/slack/commands", std::chrono::microseconds(300));
    metrics.http_request("/slack/commands", std::chrono::milliseconds(30));
    const PromExposition e = scrape(metrics);
    const std::string bucket = "firebreak_http_request_duration_seconds_bucket";
    CHECK(e.value(bucket, {{"route", "/slack/commands"}, {"le", "0.0005"}}) == 1);
    CHECK(e.value(bucket, {{"route", "/slack/commands"}, {"le", "0.025"}}) == 1);
    CHECK(e.value(bucket, {{"route", "/slack/commands"}, {"le", "0.05"}}) == 2);
    CHECK(e.value(bucket, {{"route", "/slack/commands"}, {"le", "2.5"}}) == 2);
    CHECK(e.value("firebreak_http_request_duration_seconds_count",
                  {{"route", "/slack/commands"}}) == 2);
}

TEST_CASE("label values are escaped: backslash, double quote and newline") {
    web::Metrics metrics;
    metrics.signature_failure("a\\b\"c\nd");
    const std::string text = metrics.render();
    CHECK(text.find(R"(firebreak_signature_failures_total{platform="a\\b\"c\nd"} 1)") !=
          std::string::npos);
    const PromExposition e = scrape(metrics);
    CHECK(e.value("firebreak_signature_failures_total", {{"platform", "a\\b\"c\nd"}}) == 1);
    CHECK(web::escape_label_value("plain") == "plain");
}

TEST_CASE("gauges are computed from their callbacks at scrape time") {
    web::Metrics metrics;
    int open = 1;
    metrics.set_open_incidents_source([&] {
        return web::CountsByLabel{{"investigating", open}, {"monitoring", 2}};
    });
    metrics.set_outbox_depth_source([] { return web::CountsByLabel{{"slack", 5}}; });
    CHECK(scrape(metrics).value("firebreak_incidents_open", {{"status", "investigating"}}) == 1);
    open = 4;
    const PromExposition e = scrape(metrics);
    CHECK(e.value("firebreak_incidents_open", {{"status", "investigating"}}) == 4);
    CHECK(e.value("firebreak_incidents_open", {{"status", "monitoring"}}) == 2);
    CHECK(e.value("firebreak_outbox_depth", {{"platform", "slack"}}) == 5);
}

TEST_CASE("a gauge callback that throws leaves the gauge out, not the scrape") {
    web::Metrics metrics;
    metrics.set_outbox_depth_source([]() -> web::CountsByLabel { throw std::runtime_error("x"); });
    metrics.command_handled("query");
    const PromExposition e = scrape(metrics);
    CHECK(e.types.contains("firebreak_outbox_depth"));
    CHECK(e.value("firebreak_commands_total", {{"result", "query"}}) == 1);
}

TEST_CASE("updates from several threads are all counted") {
    web::Metrics metrics;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 1000; ++i) {
                metrics.command_handled("changed");
                metrics.http_request("/x", std::chrono::microseconds(i));
                if (i % 100 == 0) (void)metrics.render();
            }
        });
    }
    for (auto& t : threads) t.join();
    const PromExposition e = scrape(metrics);
    CHECK(e.value("firebreak_commands_total", {{"result", "changed"}}) == 4000);
    CHECK(e.value("firebreak_http_request_duration_seconds_count", {{"route", "/x"}}) == 4000);
}

TEST_CASE("the registry refuses programming errors") {
    web::MetricsRegistry registry;
    registry.add_counter("c_total", "help", {"a"});
    CHECK_THROWS_AS(registry.add_counter("c_total", "again", {}), std::invalid_argument);
    CHECK_THROWS_AS(registry.increment("c_total", {}), std::invalid_argument);
    CHECK_THROWS_AS(registry.increment("missing", {"x"}), std::invalid_argument);
    CHECK_THROWS_AS(registry.observe("c_total", {"x"}, 1), std::invalid_argument);
    CHECK_THROWS_AS(registry.add_histogram("h", "help", {}, {2, 1}), std::invalid_argument);
}

TEST_CASE("GET /metrics serves the exposition as text format 0.0.4") {
    auto metrics = std::make_shared<web::Metrics>();
    http::Router router;
    web::add_metrics_route(router, metrics);
    router.set_observer(web::request_timer(metrics));
    metrics->command_handled("refused");

    const http::Response got = router.route(http::Request{http::Verb::get, "/metrics", 11});
    CHECK(got.result() == http::Status::ok);
    CHECK(got[http::Field::content_type] == "text/plain; version=0.0.4; charset=utf-8");
    CHECK(got[http::Field::cache_control] == "no-store");
    const PromExposition e = parse_prometheus_text(got.body());
    CHECK(e.errors.empty());
    CHECK(e.value("firebreak_commands_total", {{"result", "refused"}}) == 1);

    // The observer timed that request, and an unknown path counts as "unmatched".
    (void)router.route(http::Request{http::Verb::get, "/nope", 11});
    const PromExposition after = scrape(*metrics);
    CHECK(after.value("firebreak_http_request_duration_seconds_count", {{"route", "/metrics"}}) ==
          1);
    CHECK(after.value("firebreak_http_request_duration_seconds_count", {{"route", "unmatched"}}) ==
          1);
}

TEST_CASE("Socket Mode envelopes, reconnects and ack latency are counted") {
    web::Metrics metrics;
    metrics.socket_envelope("slash_commands");
    metrics.socket_envelope("slash_commands");
    metrics.socket_envelope("events_api");
    metrics.socket_reconnect("warning");
    metrics.socket_acked(std::chrono::milliseconds(3));
    const std::string text = metrics.render();
    CHECK(text.find("firebreak_slack_socket_envelopes_total{type=\"slash_commands\"} 2") !=
          std::string::npos);
    CHECK(text.find("firebreak_slack_socket_envelopes_total{type=\"events_api\"} 1") !=
          std::string::npos);
    CHECK(text.find("firebreak_slack_socket_reconnects_total{reason=\"warning\"} 1") !=
          std::string::npos);
    CHECK(text.find("firebreak_slack_socket_ack_seconds_count 1") != std::string::npos);
    CHECK(text.find("firebreak_slack_socket_ack_seconds_bucket{le=\"0.0025\"} 0") !=
          std::string::npos);
    CHECK(text.find("firebreak_slack_socket_ack_seconds_bucket{le=\"0.005\"} 1") !=
          std::string::npos);
}
