// The service reports its work through ServiceObserver; wired to web::Metrics, the
// /metrics exposition moves when commands run.
#include <map>

#include "firebreak/web/metrics.hpp"
#include "service_fixture.hpp"
#include "support/prometheus_text.hpp"

using namespace firebreak;
using namespace firebreak::app;
using namespace firebreak::app::testing;
using firebreak::testing::parse_prometheus_text;
using firebreak::testing::PromExposition;

namespace {

/// What `firebreak serve` wires in: every observation becomes a metric.
struct MetricsObserver : ServiceObserver {
    explicit MetricsObserver(web::Metrics& m) : metrics(m) {}
    void command_handled(std::string_view result) override { metrics.command_handled(result); }
    void incident_declared(const std::string& severity) override {
        metrics.incident_declared(severity);
    }
    void reminder_fired(core::Duration lateness) override { metrics.reminder_fired(lateness); }
    web::Metrics& metrics;
};

struct MeteredService : ServiceFixture {
    std::shared_ptr<web::Metrics> metrics = std::make_shared<web::Metrics>();
    MetricsObserver observer{*metrics};
    http::Router router;

    MeteredService() {
        service.set_observer(&observer);
        metrics->set_open_incidents_source([this] {
            web::CountsByLabel out;
            auto tx = store.begin();
            for (const auto& [status, n] : tx.live_incident_counts())
                out[std::string(core::to_string(status))] = n;
            return out;
        });
        web::add_metrics_route(router, metrics);
    }

    PromExposition scrape() {
        const http::Response r = router.route(http::Request{http::Verb::get, "/metrics", 11});
        REQUIRE(r.result() == http::Status::ok);
        PromExposition e = parse_prometheus_text(r.body());
        INFO(r.body());
        for (const auto& error : e.errors) FAIL_CHECK(error);
        return e;
    }

    double commands(const char* result) {
        return scrape().value("firebreak_commands_total", {{"result", result}});
    }
};

}  // namespace

TEST_CASE_METHOD(MeteredService, "a declaration counts by severity and as a changing command") {
    CHECK(commands("changed") == 0);
    declare("Checkout errors sev1");
    const PromExposition e = scrape();
    CHECK(e.value("firebreak_incidents_declared_total", {{"severity", "sev1"}}) == 1);
    CHECK(e.value("firebreak_commands_total", {{"result", "changed"}}) == 1);
    CHECK(e.value("firebreak_incidents_open", {{"status", "investigating"}}) == 1);
}

TEST_CASE_METHOD(MeteredService, "each command counts once, by how it ended") {
    auto name = declare("DB down sev2");
    run("bob", name, "ic me");                 // changed
    run("bob", name, "status mitigating");     // changed
    run("bob", name, "frobnicate");            // usage_error
    run("bob", "general", "update all good");  // refused: no incident here
    run("bob", name, "sev9");                  // usage_error
    run("bob", name, "timeline");              // query
    run("bob", "general", "list");             // query
    run("bob", "general", "stats");            // query
    const PromExposition e = scrape();
    CHECK(e.value("firebreak_commands_total", {{"result", "changed"}}) == 3);
    CHECK(e.value("firebreak_commands_total", {{"result", "usage_error"}}) == 2);
    CHECK(e.value("firebreak_commands_total", {{"result", "refused"}}) == 1);
    CHECK(e.value("firebreak_commands_total", {{"result", "query"}}) == 3);
    CHECK(e.value("firebreak_incidents_open", {{"status", "mitigating"}}) == 1);
    CHECK(std::isnan(e.value("firebreak_incidents_open", {{"status", "investigating"}})));
}

TEST_CASE_METHOD(MeteredService, "a fired reminder records how late it fired") {
    auto name = declare("Cache slow sev2");  // an update is due every 30 minutes
    run("alice", name, "ic me");             // the required role: no unassigned nudge
    clock.advance(31min);
    REQUIRE(service.fire_due_reminders().fired == 1);
    const PromExposition e = scrape();
    const std::string bucket = "firebreak_reminder_lateness_seconds_bucket";
    CHECK(e.value(bucket, {{"le", "30"}}) == 0);
    CHECK(e.value(bucket, {{"le", "60"}}) == 1);
    CHECK(e.value("firebreak_reminder_lateness_seconds_sum") == 60);
}
