#pragma once
// What `serve` measures: the service's and the outbox's observations turned into the
// Prometheus families of web::Metrics.

#include <memory>
#include <string>

#include "firebreak/app/outbox_worker.hpp"
#include "firebreak/app/service_observer.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/web/held_counts.hpp"
#include "firebreak/web/metrics.hpp"

namespace firebreak::cli {

/// The service's observations, counted once what they observed is durable: through
/// `held`, which holds them while a commit group is open (see web::HeldCounts).
class ServiceInstruments final : public app::ServiceObserver {
  public:
    ServiceInstruments(std::shared_ptr<web::Metrics> metrics, std::shared_ptr<web::HeldCounts> held)
        : metrics_(std::move(metrics)), held_(std::move(held)) {}
    void command_handled(std::string_view result) override {
        held_->count([m = metrics_, r = std::string(result)] { m->command_handled(r); });
    }
    void incident_declared(const std::string& severity) override {
        held_->count([m = metrics_, severity] { m->incident_declared(severity); });
    }
    void reminder_fired(core::Duration lateness) override {
        held_->count([m = metrics_, lateness] { m->reminder_fired(lateness); });
    }

  private:
    std::shared_ptr<web::Metrics> metrics_;
    std::shared_ptr<web::HeldCounts> held_;
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
