#pragma once
// The Teams deliverer against FakeTeams on loopback, over a real (in-memory) store with one
// Teams incident, and a manual clock.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "fakes/fake_teams.hpp"
#include "fakes/manual_clock.hpp"
#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/chat/message.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "firebreak/teams/deliverer.hpp"

namespace firebreak::teams::testing {

using Kind = app::DeliveryOutcome::Kind;
using nlohmann::json;
namespace route = fakes::teams_route;

inline constexpr const char* kTeam = "team-incidents";
inline constexpr const char* kAnnounce = "19:announce@thread.tacv2";
inline constexpr const char* kAlice = "aad-alice";
inline constexpr const char* kBob = "aad-bob";

/// 2026-11-22 10:00 UTC.
inline core::Timestamp t0() {
    return core::Timestamp{core::Duration{1'795'341'600}};
}

inline json message_json(const std::string& text) {
    chat::Message m;
    m.text = text;
    return json::parse(chat::serialize(m));
}

struct DeliveryFixture {
    fakes::FakeTeams fake;
    fakes::ManualClock clock{t0()};
    http::HttpClient client;
    TokenSource bot_tokens;
    TokenSource graph_tokens;
    Connector connector{client, bot_tokens};
    Graph graph;
    Directory directory;
    TeamsDeliverer deliverer;
    store::Store store{{":memory:", "normal"}};
    std::int64_t incident_id = 0;

    static DeliverySettings settings(const fakes::FakeTeams& fake, bool thread) {
        DeliverySettings s;
        s.incidents_team = kTeam;
        s.thread_per_incident = thread;
        s.announce_channel = kAnnounce;
        s.service_url = fake.service_url();
        s.tenant_id = fake.credentials().tenant;
        return s;
    }

    explicit DeliveryFixture(bool thread = false)
        : bot_tokens({fake.token_url(), fake.credentials().client_id,
                      fake.credentials().client_secret, kBotFrameworkScope},
                     client, clock),
          graph_tokens({fake.token_url(), fake.credentials().client_id,
                        fake.credentials().client_secret, kGraphScope},
                       client, clock),
          graph(fake.graph_url(), client, graph_tokens),
          deliverer(connector, graph, directory, settings(fake, thread)) {
        store.migrate();
        core::Incident incident;
        incident.name = "inc-20261122-checkout-errors";
        incident.platform = "teams";
        incident.title = "Checkout errors";
        incident.severity = "sev2";
        incident.declared_by = kAlice;
        auto tx = store.begin();
        tx.insert(incident);
        tx.commit();
        incident_id = incident.id;
    }

    store::OutboxItem enqueue(std::string_view kind, const json& payload,
                              const std::string& conversation = "") {
        store::OutboxItem item;
        item.incident_id = incident_id;
        item.platform = "teams";
        item.conversation = conversation;
        item.kind = std::string(kind);
        item.payload = payload.dump();
        item.created_at = clock.now();
        item.next_attempt_at = clock.now();
        auto tx = store.begin();
        tx.enqueue(item);
        tx.commit();
        return item;
    }

    /// One attempt at the item as the worker makes it: read from the store (with the
    /// progress recorded by earlier attempts).
    app::DeliveryOutcome attempt(const store::OutboxItem& item, const std::string& conversation) {
        std::optional<store::OutboxItem> stored;
        {
            auto tx = store.begin();
            stored = tx.outbox_item(item.id);
            tx.commit();
        }
        REQUIRE(stored);
        app::DeliveryContext ctx(store, *stored, clock.now());
        return deliverer.deliver(*stored, conversation, ctx);
    }

    std::string incident_conversation() {
        auto tx = store.begin();
        auto incident = tx.incident(incident_id);
        tx.commit();
        return incident ? incident->conversation : "";
    }

    std::optional<store::MessageRef> ref(const char* purpose) {
        auto tx = store.begin();
        auto r = tx.message_ref(incident_id, purpose);
        tx.commit();
        return r;
    }

    std::vector<store::OutboxItem> pending() {
        auto tx = store.begin();
        auto items = tx.deliverable(core::Timestamp::max(), 1000);
        tx.commit();
        return items;
    }

    /// The text of a posted activity: its card's TextBlocks joined.
    static std::string card_text(const json& activity) {
        std::string out;
        if (!activity.contains("attachments")) return activity.value("text", "");
        for (const auto& a : activity["attachments"]) {
            const json flat = a["content"]["body"].flatten();
            for (const auto& block : flat.items())
                if (block.key().ends_with("/text") && block.value().is_string())
                    out += block.value().get<std::string>() + "\n";
        }
        return out;
    }
};

}  // namespace firebreak::teams::testing
