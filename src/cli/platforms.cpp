#include "platforms.hpp"

#include <spdlog/spdlog.h>

#include <functional>
#include <optional>

#include "firebreak/slack/deliverer.hpp"
#include "firebreak/slack/endpoints.hpp"
#include "firebreak/slack/web_api.hpp"
#include "firebreak/store/store.hpp"
#include "instruments.hpp"
#include "slack_socket.hpp"
#include "teams_platform.hpp"

namespace firebreak::cli {
namespace {

/// "SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN": the variables behind `secrets` that are
/// not set (all of them when `all`), or the key to write when a secret names none.
std::string variables_to_set(
    std::initializer_list<std::pair<const char*, const config::Secret*>> secrets, bool all) {
    std::string names;
    for (const auto& [key, secret] : secrets) {
        if (!all && secret->present()) continue;
        std::string name = secret->env_var.empty() ? std::string(key) : secret->env_var;
        names += (names.empty() ? "" : " and ") + name;
    }
    return names;
}

/// Slack: in http mode the three request URLs on this server, in socket mode the Socket
/// Mode connections; either way the Web API outbox worker on its own thread and its own
/// connection to the database.
class SlackPlatform final : public RunningPlatform {
  public:
    explicit SlackPlatform(const PlatformWiring& w)
        : store_(w.open_store()),
          api_(w.config.slack.api_base_url, w.config.slack.bot_token.value()),
          deliverer_(api_),
          instruments_(w.metrics, "slack"),
          worker_(*store_, w.clock, deliverer_) {
        w.front_door.add_platform(slack::platform_profile());
        if (w.config.slack.mode == "socket") {
            socket_ = std::make_unique<SlackSocket>(w);
        } else {
            endpoints_.emplace(w.front_door, w.clock,
                               slack::EndpointSettings{w.config.slack.signing_secret.value(),
                                                       w.config.slack.timeline_emoji},
                               slack::EndpointHooks{
                                   [metrics = w.metrics] { metrics->signature_failure("slack"); }});
            endpoints_->add_routes(w.router);
        }
        if (w.wal_grew) store_->on_wal_commit(w.wal_grew);
        worker_.set_observer(&instruments_);
        worker_.start();  // delivers what was queued before a restart, then waits for more
        spdlog::info("slack: {} mode, Web API at {}{}", w.config.slack.mode,
                     w.config.slack.api_base_url,
                     w.config.slack.announce_channel.empty()
                         ? ", no announce channel"
                         : ", announcing in " + w.config.slack.announce_channel);
    }
    ~SlackPlatform() override { stop(); }

    const std::string& name() const override { return name_; }
    void poke() override { worker_.poke(); }
    void stop() override {
        worker_.stop();
        store_->on_wal_commit(nullptr);
    }
    void stop_serving() override {
        if (socket_) socket_->stop_serving();
    }
    std::vector<web::Check> checks() const override {
        if (!socket_) return {};
        return {socket_->check()};
    }

  private:
    std::string name_ = "slack";
    std::optional<slack::SlackEndpoints> endpoints_;
    std::unique_ptr<SlackSocket> socket_;
    std::unique_ptr<store::Store> store_;
    slack::SlackWebApi api_;
    slack::SlackDeliverer deliverer_;
    OutboxInstruments instruments_;  // outlives the worker
    app::OutboxWorker worker_;
};

/// One entry per platform: whether the config turns it on, how to build it, and what to
/// say when it is off.
struct PlatformEntry {
    const char* name;
    std::function<bool(const config::Config&)> on;
    std::function<std::unique_ptr<RunningPlatform>(const PlatformWiring&)> build;
    std::function<std::string(const config::Config&)> why_off;
};

std::vector<PlatformEntry> platform_list() {
    return {
        {"slack", [](const config::Config& c) { return c.slack.active(); },
         [](const PlatformWiring& w) { return std::make_unique<SlackPlatform>(w); },
         [](const config::Config& c) -> std::string {
             bool socket = c.slack.mode == "socket";
             std::string vars =
                 variables_to_set({{socket ? "slack.app_token" : "slack.signing_secret",
                                    socket ? &c.slack.app_token : &c.slack.signing_secret},
                                   {"slack.bot_token", &c.slack.bot_token}},
                                  !c.slack.enabled);
             return c.slack.enabled ? "Slack (set " + vars + ")"
                                    : "Slack (set slack.enabled: true and export " + vars + ")";
         }},
        {"teams", [](const config::Config& c) { return c.teams.active(); },
         [](const PlatformWiring& w) { return start_teams(w); },
         [](const config::Config& c) -> std::string {
             std::string vars = variables_to_set(
                 {{"teams.app_id", &c.teams.app_id}, {"teams.app_password", &c.teams.app_password}},
                 !c.teams.enabled);
             return c.teams.enabled ? "Teams (set " + vars + ")"
                                    : "Teams (set teams.enabled: true and export " + vars + ")";
         }},
    };
}

}  // namespace

std::vector<std::unique_ptr<RunningPlatform>> start_platforms(const PlatformWiring& wiring,
                                                              const std::string& config_path) {
    std::vector<std::unique_ptr<RunningPlatform>> running;
    std::vector<std::string> off;
    for (const auto& entry : platform_list()) {
        if (entry.on(wiring.config))
            running.push_back(entry.build(wiring));
        else
            off.push_back(entry.why_off(wiring.config));
    }
    if (running.empty()) {
        std::string list;
        for (const auto& o : off) list += (list.empty() ? "" : ", ") + o;
        spdlog::warn(
            "no chat platform is on: {}. Try the bot locally with 'firebreak console --config "
            "{}'.",
            list, config_path);
        return running;
    }
    for (const auto& o : off) spdlog::info("off: {}", o);
    return running;
}

}  // namespace firebreak::cli
