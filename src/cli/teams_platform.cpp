// Teams in `serve`: POST /teams/messages on this server, and the Bot Framework + Graph
// outbox worker on its own thread and its own connection to the database.
#include "teams_platform.hpp"

#include <spdlog/spdlog.h>

#include "firebreak/app/outbox_worker.hpp"
#include "firebreak/http/client.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/teams/bot_auth.hpp"
#include "firebreak/teams/connector.hpp"
#include "firebreak/teams/deliverer.hpp"
#include "firebreak/teams/directory.hpp"
#include "firebreak/teams/endpoint.hpp"
#include "firebreak/teams/graph.hpp"
#include "firebreak/teams/profile.hpp"
#include "firebreak/teams/tokens.hpp"
#include "instruments.hpp"

namespace firebreak::cli {
namespace {

class TeamsPlatform final : public RunningPlatform {
  public:
    explicit TeamsPlatform(const PlatformWiring& w)
        : store_(w.open_store()),
          bot_tokens_(token_settings(w.config.teams, teams::kBotFrameworkScope), client_, w.clock),
          graph_tokens_(token_settings(w.config.teams, teams::kGraphScope), client_, w.clock),
          connector_(client_, bot_tokens_),
          lookup_client_(lookup_options()),
          lookups_(lookup_client_, bot_tokens_),
          graph_(w.config.teams.graph_url, client_, graph_tokens_),
          auth_(teams::AuthSettings{w.config.teams.app_id.value(),
                                    w.config.teams.openid_metadata_url},
                w.clock),
          deliverer_(
              connector_, graph_, directory_,
              teams::DeliverySettings{w.config.teams.incidents_team, w.config.teams.thread_mode(),
                                      w.config.teams.announce_channel, w.config.teams.service_url,
                                      w.config.teams.tenant_id}),
          instruments_(w.metrics, "teams"),
          worker_(*store_, w.clock, deliverer_) {
        w.front_door.add_platform(teams::platform_profile());
        endpoint_.emplace(
            w.front_door, w.clock, auth_, directory_,
            teams::DecodeSettings{w.config.teams.thread_mode(), w.config.teams.timeline_reaction},
            [this](const std::string& service_url, const std::string& conversation,
                   const std::string& member) {
                return lookups_.member(service_url, conversation, member);
            },
            teams::EndpointHooks{[metrics = w.metrics] { metrics->signature_failure("teams"); }});
        endpoint_->add_routes(w.router);
        // Keys now, so the first activity does not wait for them (a failure is retried on
        // the first activity and logged).
        auth_.refresh();
        if (w.wal_grew) store_->on_wal_commit(w.wal_grew);
        worker_.set_observer(&instruments_);
        worker_.start();
        spdlog::info("teams: incidents as {} {}, connector fallback {}, Graph at {}",
                     w.config.teams.thread_mode() ? "threads in" : "channels of",
                     w.config.teams.thread_mode() ? w.config.teams.announce_channel
                                                  : w.config.teams.incidents_team,
                     w.config.teams.service_url, w.config.teams.graph_url);
    }
    ~TeamsPlatform() override { stop(); }

    const std::string& name() const override { return name_; }
    void poke() override { worker_.poke(); }
    void stop() override {
        worker_.stop();
        store_->on_wal_commit(nullptr);
    }

  private:
    static teams::TokenSettings token_settings(const config::TeamsConfig& c, const char* scope) {
        return teams::TokenSettings{c.token_url, c.app_id.value(), c.app_password.value(), scope};
    }

    /// A mention's lookup runs on the server's thread: short timeouts, its own connections.
    static http::ClientOptions lookup_options() {
        http::ClientOptions o;
        o.connect_timeout = std::chrono::milliseconds(1000);
        o.read_timeout = std::chrono::milliseconds(1500);
        return o;
    }

    std::string name_ = "teams";
    std::unique_ptr<store::Store> store_;
    http::HttpClient client_;
    teams::TokenSource bot_tokens_;
    teams::TokenSource graph_tokens_;
    teams::Connector connector_;
    http::HttpClient lookup_client_;
    teams::Connector lookups_;
    teams::Graph graph_;
    teams::Directory directory_;
    teams::BotAuthenticator auth_;
    teams::TeamsDeliverer deliverer_;
    std::optional<teams::TeamsEndpoint> endpoint_;
    OutboxInstruments instruments_;  // outlives the worker
    app::OutboxWorker worker_;
};

}  // namespace

std::unique_ptr<RunningPlatform> start_teams(const PlatformWiring& wiring) {
    return std::make_unique<TeamsPlatform>(wiring);
}

}  // namespace firebreak::cli
