#pragma once
// The chat platforms `firebreak serve` runs, built from one list: each registers its way in
// with the front door and its request URLs with the router, and delivers its own outbox on
// a worker of its own. A platform that is off is not built at all.

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <vector>

#include "firebreak/app/clock.hpp"
#include "firebreak/app/front_door.hpp"
#include "firebreak/app/outbox_worker.hpp"
#include "firebreak/config/config.hpp"
#include "firebreak/http/router.hpp"
#include "firebreak/http/server.hpp"
#include "firebreak/web/health.hpp"
#include "firebreak/web/metrics.hpp"

namespace firebreak::store {
class Store;
}

namespace firebreak::cli {

/// One running platform: whatever it needs alive while serve runs.
class RunningPlatform {
  public:
    virtual ~RunningPlatform() = default;
    virtual const std::string& name() const = 0;
    /// Wakes its outbox worker: something was committed. Safe from any thread.
    virtual void poke() = 0;
    /// Finishes the delivery in progress and stops its threads.
    virtual void stop() = 0;
    /// Stops taking requests of its own (Socket Mode closes its connections), on the
    /// server's thread, when serve is asked to stop; the io_context then runs dry.
    virtual void stop_serving() {}
    /// Its lines in /readyz; none by default.
    virtual std::vector<web::Check> checks() const { return {}; }
};

/// What building a platform may use; everything outlives the platforms.
struct PlatformWiring {
    const config::Config& config;
    app::FrontDoor& front_door;
    http::Router& router;
    const app::Clock& clock;
    std::shared_ptr<web::Metrics> metrics;
    /// Opens another connection to the database (each worker has its own).
    std::function<std::unique_ptr<store::Store>()> open_store;
    /// Called after every commit of a worker's connection (the WAL checkpointer).
    std::function<void(int pages)> wal_grew;
    /// The server's io_context: the front door's thread (Socket Mode runs there).
    boost::asio::io_context* ioc = nullptr;
    /// A group commit as the HTTP server's (web::group_commits), for Socket Mode.
    std::function<http::Batching()> batching;
};

/// Builds and starts every platform the config turns on, in the order of the list; logs
/// the ones that are off and what would turn them on.
std::vector<std::unique_ptr<RunningPlatform>> start_platforms(const PlatformWiring& wiring,
                                                              const std::string& config_path);

}  // namespace firebreak::cli
