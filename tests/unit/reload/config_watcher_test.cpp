#include "firebreak/reload/config_watcher.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <catch2/catch.hpp>
#include <csignal>
#include <fstream>
#include <memory>

#include "support/temp_dir.hpp"

using namespace firebreak;

TEST_CASE("a watcher destroyed with its SIGHUP completion already queued is not touched") {
    testing::TempDir dir;
    std::ofstream(dir.file("firebreak.yaml")) << "server: {}\n";
    boost::asio::io_context ioc;
    int changes = 0;
    auto watcher = std::make_unique<reload::ConfigWatcher>(ioc, dir.file("firebreak.yaml"),
                                                           [&](const char*) { ++changes; });
    watcher->start();
    // Registered after the watcher's, so Asio delivers the signal here first: this handler
    // destroys the watcher while the watcher's own completion is already queued.
    boost::asio::signal_set also(ioc, SIGHUP);
    also.async_wait([&](const boost::system::error_code&, int) { watcher.reset(); });
    std::raise(SIGHUP);
    CHECK_NOTHROW(ioc.run());  // under ASan, a use after free fails here
    CHECK(watcher == nullptr);
    CHECK(changes == 0);
}

TEST_CASE("a watcher destroyed with a reload about to settle does not reload") {
    testing::TempDir dir;
    std::ofstream(dir.file("firebreak.yaml")) << "server: {}\n";
    boost::asio::io_context ioc;
    int changes = 0;
    auto watcher = std::make_unique<reload::ConfigWatcher>(ioc, dir.file("firebreak.yaml"),
                                                           [&](const char*) { ++changes; });
    watcher->start();
    std::raise(SIGHUP);
    ioc.run_one();  // the SIGHUP handler: the settle timer is now pending
    watcher.reset();
    CHECK_NOTHROW(ioc.run());
    CHECK(changes == 0);
}
