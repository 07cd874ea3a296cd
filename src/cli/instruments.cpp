#include "instruments.hpp"

#include "firebreak/store/transaction.hpp"

namespace firebreak::cli {

void read_gauges_from(web::Metrics& metrics, store::Store& store, std::string platform) {
    metrics.set_open_incidents_source([&store] {
        web::CountsByLabel out;
        auto tx = store.read();
        for (const auto& [status, n] : tx.live_incident_counts())
            out[std::string(core::to_string(status))] = n;
        return out;
    });
    metrics.set_outbox_depth_source([&store, platform] {
        auto tx = store.read();
        return web::CountsByLabel{{platform, tx.outbox_depth()}};
    });
}

}  // namespace firebreak::cli
