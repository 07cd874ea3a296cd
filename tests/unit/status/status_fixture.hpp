#pragma once
// A service with the status page on, over an in-memory store and a manual clock, reached
// through the front door as the console reaches it, and the page built from that store.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "fakes/manual_clock.hpp"
#include "firebreak/app/front_door.hpp"
#include "firebreak/app/incident_service.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "firebreak/web/status_site.hpp"
#include "support/inbound.hpp"

namespace firebreak::status_testing {

using namespace std::chrono_literals;

/// 2026-11-22 10:00 UTC.
inline core::Timestamp t0() {
    return core::Timestamp{core::Duration{1'795'341'600}};
}

inline std::vector<core::StatusPageComponent> components() {
    return {{"api", "Public API", "The REST API", "Platform"},
            {"checkout", "Checkout", "Paying for orders", ""},
            {"web", "Website", "", "Platform"}};
}

inline app::ServiceSettings status_settings() {
    app::ServiceSettings s;
    s.announce_conversations["console"] = "incidents";
    s.policy.status_page = true;
    s.policy.components = components();
    s.status_page_url = "https://status.example.com";
    return s;
}

inline web::StatusSiteSettings site_settings() {
    web::StatusSiteSettings s;
    s.title = "Example status";
    s.public_url = "https://status.example.com";
    s.components = components();
    return s;
}

struct StatusFixture {
    explicit StatusFixture(const std::string& path = ":memory:")
        : store({path, "normal"}),
          service(store, clock, status_settings()),
          front_door(service, store, clock),
          site(
              store, [this] { return clock.now(); }, site_settings()) {
        store.migrate();
        app::PlatformProfile p;
        p.name = "console";
        p.answers_buttons = true;
        p.plain_names = true;
        p.forms = app::PlatformProfile::Forms::in_answer;
        front_door.add_platform(p);
        site.refresh();
    }

    store::Store store;
    fakes::ManualClock clock{t0()};
    app::IncidentService service;
    app::FrontDoor front_door;
    web::StatusSite site;

    app::Answer handle(const std::string& user, const std::string& conversation,
                       const std::string& text) {
        return front_door.handle(
            firebreak::testing::typed_command("console", conversation, user, text, ""));
    }
    app::Reply run(const std::string& user, const std::string& conversation,
                   const std::string& text) {
        return handle(user, conversation, text).reply;
    }

    /// Declares as `user` and attaches the conversation named after the incident.
    std::string declare(const std::string& text, const std::string& user = "alice") {
        run(user, "general", "declare " + text);
        auto tx = store.begin();
        core::Incident inc = tx.incidents(false, 1).front();
        tx.commit();
        service.attach_conversation(inc.id, inc.name);
        return inc.name;
    }

    /// The draft number a preview's Publish button names.
    static std::int64_t draft_of(const app::Reply& reply) {
        for (const auto& m : reply.messages)
            for (const auto& b : m.buttons)
                if (b.command.starts_with("publish confirm "))
                    return std::stoll(b.command.substr(16));
        FAIL("no preview in the reply");
        return 0;
    }

    /// `publish <text>` then its preview's Publish button.
    app::Reply publish(const std::string& user, const std::string& channel,
                       const std::string& text) {
        app::Reply preview = run(user, channel, "publish " + text);
        return run(user, channel, "publish confirm " + std::to_string(draft_of(preview)));
    }

    /// The page rebuilt from the store, as the server would after a commit.
    std::shared_ptr<const web::StatusSnapshot> page() {
        site.refresh();
        return site.current();
    }
    const std::string& doc(const std::string& path) {
        snapshot_ = page();
        auto it = snapshot_->documents.find(path);
        REQUIRE(it != snapshot_->documents.end());
        return it->second.body;
    }
    nlohmann::json json(const std::string& path) { return nlohmann::json::parse(doc(path)); }

  private:
    std::shared_ptr<const web::StatusSnapshot> snapshot_;
};

inline std::string text_of(const app::Reply& r) {
    std::string out;
    for (const auto& m : r.messages) {
        out += m.text + "\n";
        for (const auto& f : m.fields) out += f.label + ": " + f.value + "\n";
        out += m.footer + "\n";
    }
    return out;
}

}  // namespace firebreak::status_testing
