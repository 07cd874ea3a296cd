#pragma once

#include <catch2/catch.hpp>

#include "fakes/manual_clock.hpp"
#include "firebreak/app/front_door.hpp"
#include "firebreak/app/incident_service.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "support/inbound.hpp"

namespace firebreak::app::testing {

using namespace std::chrono_literals;

/// 2026-11-22 10:00 UTC.
inline core::Timestamp t0() {
    return core::Timestamp{core::Duration{1'795'341'600}};
}

/// `/incident <text>` typed by `user` in `conversation` of the console, remembered by
/// `dedupe_key` when it is not "".
inline Inbound typed(const std::string& user, const std::string& conversation,
                     const std::string& text, const std::string& dedupe_key = "") {
    return firebreak::testing::typed_command("console", conversation, user, text, dedupe_key);
}

/// The console's way in, without its forms: every answer a reply.
inline PlatformProfile plain_platform() {
    PlatformProfile p;
    p.name = "console";
    p.answers_buttons = true;
    p.plain_names = true;
    p.forms = PlatformProfile::Forms::none;
    return p;
}

/// A service over an in-memory store with a manual clock, reached through the front door
/// as the console reaches it; incidents declared through it are attached to the
/// conversation named after them, as the console does.
struct ServiceFixture {
    store::Store store{{":memory:", "normal"}};
    fakes::ManualClock clock{t0()};
    IncidentService service{store, clock, settings()};
    FrontDoor front_door{service, store, clock};

    static ServiceSettings settings() {
        ServiceSettings s;
        s.announce_conversations["console"] = "incidents";
        return s;
    }

    ServiceFixture() {
        store.migrate();
        front_door.add_platform(plain_platform());
    }

    Reply run(const std::string& user, const std::string& conversation, const std::string& text) {
        return front_door.handle(typed(user, conversation, text)).reply;
    }

    /// When the named incident's update reminder is next due; nullopt when none is armed.
    std::optional<core::Timestamp> update_reminder_due(const std::string& name) {
        auto id = incident(name).id;
        auto tx = store.begin();
        auto r = tx.reminder(id, kUpdateDueReminder);
        if (!r || r->fired_at) return std::nullopt;
        return r->due_at;
    }

    /// Declares and attaches the conversation; returns the incident's name.
    std::string declare(const std::string& text, const std::string& user = "alice") {
        Reply r = run(user, "general", "declare " + text);
        REQUIRE(r.visibility == Visibility::ephemeral);
        auto tx = store.begin();
        auto incidents = tx.incidents(false, 1);
        REQUIRE_FALSE(incidents.empty());
        core::Incident inc = incidents.front();
        tx.commit();
        service.attach_conversation(inc.id, inc.name);
        return inc.name;
    }

    core::Incident incident(const std::string& name) {
        auto tx = store.begin();
        auto inc = tx.incident_by_name(name);
        REQUIRE(inc);
        return *inc;
    }

    std::vector<store::OutboxItem> outbox() {
        auto tx = store.begin();
        return tx.deliverable(core::Timestamp::max(), 1000);
    }
};

inline std::string text_of(const Reply& r) {
    std::string out;
    for (const auto& m : r.messages) out += m.text + "\n" + m.footer + "\n";
    return out;
}

}  // namespace firebreak::app::testing
