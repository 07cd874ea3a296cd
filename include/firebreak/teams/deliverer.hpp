#pragma once
// Performs outbox items through the Bot Framework connector and Microsoft Graph. Multi-step
// items (create the channel → attach it; post the parts of a long message; create a 1:1
// chat → post in it) record each finished step, so a restart resumes after it and never
// posts twice.

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "firebreak/app/delivery.hpp"
#include "firebreak/chat/message.hpp"
#include "firebreak/teams/connector.hpp"
#include "firebreak/teams/directory.hpp"
#include "firebreak/teams/graph.hpp"

namespace firebreak::teams {

struct DeliverySettings {
    /// The team (its group id) incident channels are created in (teams.incidents_team).
    std::string incidents_team;
    /// teams.incident_space: thread — one thread per incident in announce_channel instead of
    /// a channel per incident.
    bool thread_per_incident = false;
    /// The channel id ("19:…@thread.tacv2") incident threads start in (thread mode).
    std::string announce_channel;
    /// The serviceUrl for a conversation no activity has come from yet.
    std::string service_url = "https://smba.trafficmanager.net/teams/";
    std::string tenant_id;
};

/// Teams' rules for a channel's displayName applied to `base`, with "-<attempt>" for the
/// attempt-th try (attempt 1: none): forbidden characters (~ # % & * { } + / \ : < > ? | ' "
/// , and control characters) become '-', ".." is collapsed, leading '_'/'.' and trailing
/// '.' dropped, a reserved name (forms, CON, PRN, AUX, NUL, COM1–9, LPT1–9) gets "-incident",
/// and the whole is at most 50 characters (UTF-8 safe). Never empty.
std::string channel_display_name(std::string_view base, int attempt);

class TeamsDeliverer : public app::OutboxDeliverer {
  public:
    /// Connector, Graph and directory must outlive the deliverer.
    TeamsDeliverer(Connector& connector, Graph& graph, Directory& directory,
                   DeliverySettings settings);

    app::DeliveryOutcome deliver(const store::OutboxItem& item, const std::string& conversation,
                                 app::DeliveryContext& ctx) override;
    std::string_view platform() const override { return "teams"; }
    /// The Bot Framework's per-conversation limits: 7 per 1 s, 8 per 2 s, 60 per 30 s.
    app::Pacing pacing() const override;

  private:
    app::DeliveryOutcome create_conversation(const store::OutboxItem& item,
                                             app::DeliveryContext& ctx);
    app::DeliveryOutcome create_channel(const store::OutboxItem& item, app::DeliveryContext& ctx);
    app::DeliveryOutcome create_thread(const store::OutboxItem& item, app::DeliveryContext& ctx);
    /// post, notice, post_summary, post_checklist.
    app::DeliveryOutcome post(const store::OutboxItem& item, const std::string& conversation,
                              app::DeliveryContext& ctx);
    app::DeliveryOutcome post_document(const store::OutboxItem& item,
                                       const std::string& conversation, app::DeliveryContext& ctx);
    app::DeliveryOutcome update_pinned(const store::OutboxItem& item, const char* purpose,
                                       app::DeliveryContext& ctx);
    app::DeliveryOutcome set_topic(const store::OutboxItem& item, const std::string& conversation);
    app::DeliveryOutcome invite(const store::OutboxItem& item, const std::string& conversation);
    app::DeliveryOutcome ephemeral(const store::OutboxItem& item, const std::string& conversation,
                                   app::DeliveryContext& ctx);
    app::DeliveryOutcome open_form(const store::OutboxItem& item, app::DeliveryContext& ctx);
    app::DeliveryOutcome capture(const store::OutboxItem& item, app::DeliveryContext& ctx);

    /// Posts `messages` in order to `conversation`, resuming after the ones `progress` says
    /// were posted (key "posted", their ids under "ids"); a part refused with 413 is split
    /// further. Delivered when all are posted.
    app::DeliveryOutcome post_parts(const std::vector<chat::Message>& messages,
                                    const std::string& conversation, app::DeliveryContext& ctx,
                                    const std::string& key);
    std::string service_url_of(const std::string& conversation) const;

    Connector& connector_;
    Graph& graph_;
    Directory& directory_;  ///< learns the channels it creates
    const DeliverySettings settings_;
    std::mutex chats_mutex_;
    std::map<std::string, std::string> chats_;  ///< Entra id → their 1:1 chat's id
};

}  // namespace firebreak::teams
