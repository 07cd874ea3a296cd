#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <exception>
#include <iostream>
#include <optional>

#include "arguments.hpp"
#include "firebreak/app/dedupe_janitor.hpp"
#include "firebreak/app/front_door.hpp"
#include "firebreak/http/fd_limit.hpp"
#include "firebreak/http/io_thread.hpp"
#include "firebreak/http/server.hpp"
#include "firebreak/http/tls_context.hpp"
#include "firebreak/log/log_format.hpp"
#include "firebreak/reload/config_reloader.hpp"
#include "firebreak/reload/config_watcher.hpp"
#include "firebreak/scheduler/dedupe_cleanup_timer.hpp"
#include "firebreak/scheduler/reminder_scheduler.hpp"
#include "firebreak/store/checkpointer.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/web/group_commit.hpp"
#include "firebreak/web/health.hpp"
#include "firebreak/web/metrics.hpp"
#include "firebreak/web/status_site.hpp"
#include "instruments.hpp"
#include "platforms.hpp"
#include "runtime.hpp"
#include "subcommands.hpp"

namespace firebreak::cli {
namespace {

// The admin listener serves scrapes and probes: a few clients, never a flood.
constexpr std::size_t kAdminConnections = 64;

struct ListenAddress {
    std::string host;
    std::uint16_t port = 0;
};

/// "0.0.0.0:8080", "[::1]:8080", "127.0.0.1:0".
std::optional<ListenAddress> parse_listen(const std::string& text) {
    auto colon = text.rfind(':');
    if (colon == std::string::npos || colon + 1 == text.size()) return std::nullopt;
    std::string host = text.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    unsigned long port = 0;
    try {
        std::size_t used = 0;
        port = std::stoul(text.substr(colon + 1), &used);
        if (used != text.size() - colon - 1 || port > 65535) return std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (host.empty()) return std::nullopt;
    return ListenAddress{host, static_cast<std::uint16_t>(port)};
}

/// Applies a reload: new settings to the service and a re-armed scheduler, or, for an
/// invalid edit, every error in the log and one warning in the announce channel.
void apply_reload(reload::ConfigReloader& reloader, const char* why, app::IncidentService& service,
                  scheduler::ReminderScheduler& reminders, const app::Clock& clock) {
    auto result = reloader.reload(clock.now());
    using Outcome = reload::ReloadResult::Outcome;
    if (result.outcome == Outcome::unchanged) {
        spdlog::info("config reload ({}): {} is unchanged (version {})", why,
                     reloader.path().string(), result.version);
        return;
    }
    if (result.outcome == Outcome::rejected) {
        for (const auto& e : result.errors)
            spdlog::error("config reload rejected: {}", e.to_string());
        spdlog::warn("config reload ({}): {} error(s); keeping version {}", why,
                     result.errors.size(), reloader.current().version);
        chat::Message warning;
        warning.text = "The edit to " + reloader.path().string() + " is invalid (" +
                       std::to_string(result.errors.size()) +
                       " error(s), the first: " + result.errors.front().to_string() +
                       "). Config version " + reloader.current().version + " stays in force.";
        service.announce(warning);
        return;
    }
    const config::Config& c = reloader.current().config;
    int retimed = service.reconfigure(service_settings(c));
    reminders.poke();
    spdlog::info("config reloaded ({}): version {}, {} live incident(s) re-timed", why,
                 result.version, retimed);
    for (const auto& key : result.needs_restart)
        spdlog::warn("config: {} changed; it takes effect after a restart", key);
}

}  // namespace

int serve(const std::vector<std::string>& args) {
    constexpr const char* kUsage =
        "Usage: firebreak serve --config FILE\n"
        "Runs the bot: HTTP listener (Slack's request URLs, /healthz, and the status page\n"
        "/status and /api/v2/*.json when status_page.enabled), admin listener\n"
        "(server.admin_listen: /healthz, /readyz, /metrics), reminder scheduler, outbox worker\n"
        "(Slack Web API), the cleanup of expired dedupe keys, and store.\n"
        "Reloads the config on SIGHUP and when the file changes; an invalid edit keeps the\n"
        "running version. Stops gracefully on SIGTERM or SIGINT; a second one stops at once.\n";
    auto path_or_code = config_path_argument(args, kUsage);
    if (const int* code = std::get_if<int>(&path_or_code)) return *code;
    const std::string& config_path = std::get<std::string>(path_or_code);

    app::SystemClock clock;
    reload::ConfigReloader reloader(config_path, config::process_environment());
    if (auto first = reloader.reload(clock.now()); !reloader.loaded()) {
        for (const auto& e : first.errors) std::cerr << e.to_string() << "\n";
        std::cerr << config_path << ": " << first.errors.size()
                  << " error(s); nothing was started\n";
        return kExitRuntimeError;
    }
    const config::Config& config = reloader.current().config;
    log::configure_logging(config.log.format, config.log.level);  // validated by the loader
    auto listen = parse_listen(config.server.listen);
    if (!listen) {
        std::cerr << config_path << ": server.listen must be host:port, not '"
                  << config.server.listen << "'\n";
        return kExitRuntimeError;
    }
    std::optional<ListenAddress> admin_listen;
    if (config.server.admin_enabled()) {
        admin_listen = parse_listen(config.server.admin_listen);
        if (!admin_listen) {
            std::cerr << config_path << ": server.admin_listen must be host:port or off, not '"
                      << config.server.admin_listen << "'\n";
            return kExitRuntimeError;
        }
    }
    auto store = open_store(config);
    spdlog::info("database {} at schema version {}; config version {}", store->path(),
                 store->schema_version(), reloader.current().version);
    // WAL checkpoints on their own thread: no command waits for the disk to sync.
    store::CheckpointerOptions checkpoints;
    checkpoints.synchronous = config.storage.sqlite.synchronous;
    store::Checkpointer checkpointer(store->path(), checkpoints);
    store->on_wal_commit([&checkpointer](int pages) { checkpointer.wal_grew(pages); });
    checkpointer.start();

    app::IncidentService service(*store, clock, service_settings(config));
    app::FrontDoor front_door(service, *store, clock);
    boost::asio::io_context ioc;
    // The servers' connections (accepting, reading, TLS, writing) run on a thread of their
    // own, so that this one, which routes and commits, spends its time on nothing else.
    // Declared after `ioc`: it ends first. Started just before `ioc` runs.
    http::IoThread connections;
    // Registered before the port opens: a SIGTERM from then on waits in the set for the
    // handler below (a client may see the port and stop us at once), rather than killing
    // the process without a graceful stop.
    boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);

    // Whoever reaches the Slack URLs reaches `router`: it tells them only that we are up.
    // Readiness names the database and config paths, and the metrics count private
    // incidents: those are for the operators, on `admin_router`.
    auto router = std::make_shared<http::Router>();
    web::add_liveness_route(*router);
    // The public status page: what customers may read, on the public listener. Built from
    // the store now and after each commit that changed it, served from memory.
    std::unique_ptr<web::StatusSite> status_site;
    if (config.status_page.enabled) {
        status_site = std::make_unique<web::StatusSite>(
            *store, [&clock] { return clock.now(); }, status_site_settings(config));
        status_site->refresh();
        status_site->add_routes(*router);
    }
    auto admin_router = std::make_shared<http::Router>();
    std::vector<std::unique_ptr<RunningPlatform>> platforms;  // started below
    web::add_health_routes(*admin_router, [&store, &reloader, &platforms] {
        int version = store->schema_version();  // a query: throws (503) if the store is gone
        const auto& loaded = reloader.current();
        auto checks = std::vector<web::Check>{
            {"store", true, store->path()},
            {"migrations", version == store::Store::latest_version(),
             "schema version " + std::to_string(version)},
            {"config", true,
             "version " + loaded.version + " loaded " + core::format_iso8601(loaded.loaded_at) +
                 " from " + reloader.path().string()},
        };
        for (const auto& platform : platforms)
            for (auto& check : platform->checks()) checks.push_back(std::move(check));
        return checks;
    });
    auto metrics = std::make_shared<web::Metrics>();
    // Commands are counted once their group's commit is durable, not when handled.
    auto held_counts = std::make_shared<web::HeldCounts>();
    ServiceInstruments service_instruments(metrics, held_counts);
    service.set_observer(&service_instruments);
    web::add_metrics_route(*admin_router, metrics);
    router->set_observer(web::request_timer(metrics));
    admin_router->set_observer(web::request_timer(metrics));
    std::shared_ptr<boost::asio::ssl::context> tls;
    if (config.server.tls.enabled()) {
        boost::system::error_code ec;
        tls = http::make_server_tls_context(config.server.tls.cert_file, config.server.tls.key_file,
                                            ec);
        if (!tls) {
            std::cerr << config_path << ": server.tls: " << ec.message() << "\n";
            return kExitRuntimeError;
        }
    }
    read_gauges_from(*metrics, *store, config.slack.active() ? "slack" : "none");
    // Every platform the config turns on: its request URLs on this server, and an outbox
    // worker on its own thread and its own connection to the same database.
    platforms = start_platforms(
        PlatformWiring{config, front_door, *router, clock, metrics,
                       [&config] { return open_store(config); },
                       [&checkpointer](int pages) { checkpointer.wal_grew(pages); }, &ioc,
                       [&store, held_counts] { return web::group_commits(*store, held_counts); }},
        config_path);

    // Every descriptor the process may have, and connections up to what they allow: a
    // flood of idle connections is reclaimed at that cap, not refused at a small one.
    const http::FdLimit fd_limit = http::raise_fd_limit();
    http::ServerLimits limits;
    if (fd_limit.soft > 0)
        limits.max_connections = http::connection_cap_from_fd_limit(fd_limit.soft);
    spdlog::info("http: up to {} connections (descriptor limit {}{})", limits.max_connections,
                 fd_limit.soft, fd_limit.raised ? ", raised to the hard limit" : "");
    http::Server server(ioc, connections.context(), router, limits, tls);
    server.set_connection_observer(
        [metrics](http::ConnectionEvent event) { metrics->connection_event(to_string(event)); });
    // Group commit: the requests that arrive together share one transaction, and their
    // acks go out once it is durable (each command keeps its own savepoint).
    server.set_batching(web::group_commits(*store, held_counts));
    server.listen(listen->host, listen->port);  // logs the address and the bound port
    // Plain HTTP and GETs only (nothing to group-commit). Opened after the public listener,
    // so the first "listening on" line in the log stays the public one.
    std::optional<http::Server> admin_server;
    if (admin_listen) {
        http::ServerLimits admin_limits;
        admin_limits.max_connections = kAdminConnections;
        admin_server.emplace(ioc, connections.context(), admin_router, admin_limits);
        admin_server->set_name("admin");
        admin_server->listen(admin_listen->host, admin_listen->port);  // "admin: listening on"
    } else {
        spdlog::info("admin: server.admin_listen is off; no /readyz or /metrics anywhere");
    }
    metrics->set_open_connections_source([&server, &admin_server] {
        web::CountsByLabel open{{"public", static_cast<std::int64_t>(server.open_connections())}};
        if (admin_server)
            open["admin"] = static_cast<std::int64_t>(admin_server->open_connections());
        return open;
    });

    scheduler::ReminderScheduler reminders(ioc, service, clock);
    // Every commit may have queued messages or changed reminders: wake the outbox worker,
    // and re-arm the scheduler's timer after the committing handler is done (one re-arm
    // for a burst of commits; an error there must not reach a command that committed).
    bool rearm_pending = false;
    store->on_commit([&] {
        for (const auto& platform : platforms) platform->poke();
        if (rearm_pending) return;
        rearm_pending = true;
        boost::asio::post(ioc, [&] {
            rearm_pending = false;
            try {
                reminders.poke();
            } catch (const std::exception& e) {
                spdlog::error("reminder scheduler: could not re-arm: {}", e.what());
            }
            try {
                if (status_site) status_site->refresh();
            } catch (const std::exception& e) {
                // The page keeps its last build; the next commit tries again.
                spdlog::error("status page: could not rebuild: {}", e.what());
            }
        });
    });
    reminders.start();  // reminders that fell due while firebreak was down fire once now

    // Expired dedupe keys are deleted on this thread between requests, a bounded batch per
    // transaction: at start, then every DedupeCleanupTimer::kEvery.
    app::DedupeJanitor janitor(*store, clock);
    scheduler::DedupeCleanupTimer dedupe_cleanup(ioc, janitor);
    dedupe_cleanup.start();

    reload::ConfigWatcher watcher(ioc, config_path, [&](const char* why) {
        try {
            apply_reload(reloader, why, service, reminders, clock);
        } catch (const std::exception& e) {
            // A completion handler must not throw: the store refused (disk full, locked).
            // The file is read again on the next change or SIGHUP.
            spdlog::error("config reload ({}) failed: {}", why, e.what());
        }
    });
    watcher.start();

    signals.async_wait([&](const boost::system::error_code& ec, int signal) {
        if (ec) return;
        // From now on SIGINT and SIGTERM have their default action again: a second one ends
        // the process at once, like kill -9, which loses nothing acknowledged (the outbox is
        // durable). The way out of a stop held up by a delivery to a stalled platform.
        boost::system::error_code ignored;
        signals.clear(ignored);
        spdlog::info(
            "signal {}: finishing in-flight requests, then stopping (a second SIGINT or SIGTERM "
            "stops at once)",
            signal);
        watcher.stop();
        reminders.stop();
        dedupe_cleanup.stop();
        server.stop();
        if (admin_server) admin_server->stop();
        connections.release();  // its thread ends once their connections have closed
        for (const auto& platform : platforms) platform->stop_serving();
    });
    // Started only now: until here no connection exists, so a failed start unwinds with no
    // request of one queued on `ioc`. From here `ioc` runs until the last has closed.
    connections.start(ioc);
    while (true) {
        try {
            ioc.run();
            break;
        } catch (const std::exception& e) {
            // A handler that threw: the rest carries on, as on the connections' thread.
            spdlog::error("serve: {}", e.what());
        }
    }
    store->on_commit(nullptr);
    store->on_wal_commit(nullptr);
    // Each finishes the delivery in progress; the rest waits for the next start.
    for (const auto& platform : platforms) platform->stop();
    spdlog::info("stopped");
    return kExitOk;
}

}  // namespace firebreak::cli
