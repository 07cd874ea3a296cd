#pragma once
// What `serve` measures: the service's and the outbox's observations turned into the
// Prometheus families of web::Metrics.

#include <memory>
#include <string>

#include "firebreak/app/outbox_worker.hpp"
#include "firebreak/app/service_observer.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/web/metrics.hpp"

namespace firebreak::cli {

class ServiceInstruments final : public app::ServiceObserver {
  public:
    explicit ServiceInstruments(std::shared_ptr<web::Metrics> metrics)
        : metrics_(std::move(metrics)) {}
    void command_handled(std::string_view result) override { metrics_->command_handled(result); }
    void incident_declared(const std::string& severity) override {
        metrics_->incident_declared(severity);
    }
    void reminder_fired(core::Duration lateness) override { metrics_->reminder_fired(lateness); }

  private:
    std::shared_ptr<web::Metrics> metrics_;
};

class OutboxInstruments final : public app::OutboxObserver {
  public:
    OutboxInstruments(std::shared_ptr<web::Metrics> metrics, std::string platform)
        : metrics_(std::move(metrics)), platform_(std::move(platform)) {}
    void retried(const store::OutboxItem&, const std::string&) override {
        metrics_->outbox_delivery_failure(platform_, "retry");
    }
    void failed(const store::OutboxItem&, const std::string&) override {
        metrics_->outbox_delivery_failure(platform_, "permanent");
    }

  private:
    std::shared_ptr<web::Metrics> metrics_;
    std::string platform_;
};

/// Sets the gauges that are read from `store` at scrape time (on the thread that serves
/// /metrics, which must be the store's thread): live incidents by status, and the outbox
/// depth under `platform` ("none" when no platform delivers it).
void read_gauges_from(web::Metrics& metrics, store::Store& store, std::string platform);

}  // namespace firebreak::cli
