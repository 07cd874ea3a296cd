// What waits for an incident's conversation: the announcement that names it, and, when it
// can never be created, word to the declarer and the announce conversation; and the creation's
// payload, written directly.
#include "conversation_setup.hpp"

#include <mutex>
#include <nlohmann/json.hpp>

#include "fakes/manual_clock.hpp"
#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/app/outbox_worker.hpp"
#include "service_fixture.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using namespace firebreak::app;
using namespace firebreak::app::testing;

namespace {

/// Creates a conversation "C-<n>" per incident, as a platform would, or fails every
/// creation with `failure` when it is set; every other item is delivered. `delivered` is
/// read once the worker is idle.
class CreatingDeliverer final : public OutboxDeliverer {
  public:
    std::optional<std::string> failure;
    std::vector<store::OutboxItem> delivered;

    DeliveryOutcome deliver(const store::OutboxItem& item, const std::string&,
                            DeliveryContext& ctx) override {
        if (item.kind == outbox_kind::create_conversation) {
            if (failure) return DeliveryOutcome::failed(*failure);
            ctx.attach_conversation(*item.incident_id, "C-" + std::to_string(*item.incident_id));
            ctx.attach_conversation(*item.incident_id, "C-" + std::to_string(*item.incident_id));
        }
        std::lock_guard lock(mutex_);  // the worker delivers several lanes at once
        delivered.push_back(item);
        return DeliveryOutcome::delivered();
    }
    std::string_view platform() const override { return "console"; }

  private:
    std::mutex mutex_;
};

/// The service and the worker over one database file, each with its own connection.
struct SetupFixture {
    firebreak::testing::TempDir dir;
    fakes::ManualClock clock{t0()};
    store::Store store{{dir.file("firebreak.db"), "normal"}};
    store::Store worker_store{{dir.file("firebreak.db"), "normal"}};
    IncidentService service{store, clock, ServiceFixture::settings()};
    FrontDoor front_door{service, store, clock};
    CreatingDeliverer deliverer;
    OutboxWorker worker{worker_store, clock, deliverer};

    SetupFixture() {
        store.migrate();
        front_door.add_platform(plain_platform());
    }

    void declare(const std::string& text) { front_door.handle(typed("alice", "general", text)); }

    void deliver_all() {
        for (int pass = 0; pass < 100 && worker.deliver_due(); ++pass) {
        }
    }

    std::vector<store::OutboxItem> delivered_to(const std::string& conversation) const {
        std::vector<store::OutboxItem> out;
        for (const auto& item : deliverer.delivered)
            if (item.conversation == conversation) out.push_back(item);
        return out;
    }
};

std::string text_of(const store::OutboxItem& item) {
    auto message = chat::deserialize(item.payload);
    return message ? message->text : std::string();
}

}  // namespace

TEST_CASE_METHOD(SetupFixture,
                 "the announcement is queued once its conversation exists, naming it") {
    declare("declare Payments outage sev1");
    {
        auto tx = store.read();
        for (const auto& item : tx.deliverable(core::Timestamp::max(), 10))
            CHECK(item.conversation != "incidents");  // nothing to name yet
    }
    deliver_all();
    auto announced = delivered_to("incidents");
    REQUIRE(announced.size() == 1);  // recorded twice, announced once
    CHECK(text_of(announced[0]).find("Working in <#C-1>.") != std::string::npos);
    auto tx = store.read();
    CHECK(tx.incident(1)->conversation == "C-1");
    CHECK(tx.outbox_depth() == 0);
}

TEST_CASE_METHOD(SetupFixture, "a private incident is not announced once its conversation exists") {
    declare("declare Leaked key sev1 --private");
    deliver_all();
    CHECK(delivered_to("incidents").empty());
    CHECK(store.read().incident(1)->conversation == "C-1");
}

TEST_CASE_METHOD(SetupFixture,
                 "a conversation that cannot be created is told to the declarer and the announce "
                 "conversation") {
    deliverer.failure = "every name is taken";
    declare("declare Payments outage sev1");
    deliver_all();
    std::vector<store::OutboxItem> told;
    for (const auto& item : deliverer.delivered)
        if (item.kind == outbox_kind::ephemeral || item.kind == outbox_kind::notice)
            told.push_back(item);
    REQUIRE(told.size() == 2);  // the declarer's and the announce conversation's
    auto warning = std::find_if(told.begin(), told.end(), [](const store::OutboxItem& item) {
        return item.kind == outbox_kind::ephemeral &&
               item.payload.find("every name is taken") != std::string::npos;
    });
    REQUIRE(warning != told.end());
    CHECK(warning->conversation == "general");
    CHECK(nlohmann::json::parse(warning->payload)["user"] == "alice");
    auto notices = delivered_to("incidents");
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].kind == outbox_kind::notice);
    CHECK(text_of(notices[0]).find("could not create its channel: every name is taken") !=
          std::string::npos);
}

TEST_CASE_METHOD(SetupFixture, "a private incident's failed conversation is told only privately") {
    deliverer.failure = "restricted_action";
    declare("declare Leaked key sev1 --private");
    deliver_all();
    CHECK(delivered_to("incidents").empty());
    int warnings = 0;
    for (const auto& item : deliverer.delivered)
        warnings += item.kind == outbox_kind::ephemeral &&
                    item.payload.find("restricted_action") != std::string::npos;
    CHECK(warnings == 1);
}

TEST_CASE("the creation payload is written as the json library wrote it, keys in its order") {
    using nlohmann::json;
    // Text people typed: quotes, control characters, emoji, and bytes that are not UTF-8.
    const std::vector<std::string> texts = {"",
                                            "inc-42-checkout-down",
                                            "say \"hi\" \\ back",
                                            std::string("nul\0tab\tline\n\x1f", 15),
                                            "paiement échoué 😀",
                                            "broken \xc3 and \xed\xa0\x80 and \xff"};
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const std::string& text = texts[i];
        ConversationRequest request{"inc-" + text,
                                    i % 2 == 1,
                                    "U" + text,
                                    "Sev1 · " + text,
                                    "C" + text,
                                    "U" + text,
                                    {},
                                    {},
                                    {}};
        json expected{
            {"name", request.name},
            {"private", request.is_private},
            {"invite", json::array({request.invite})},
            {"topic", request.topic},
            {"origin",
             {{"conversation", request.origin_conversation}, {"user", request.origin_user}}}};
        if (i % 3 != 0) {
            request.announce_conversation = "incidents" + text;
            request.announce_parts = {"🔥 " + text, text, ""};
            expected["announce"] = {{"conversation", request.announce_conversation},
                                    {"parts", request.announce_parts}};
        }
        if (i % 2 == 0) {
            request.checklist_ticks = {"status_page", text};
            expected["checklist_ticks"] = request.checklist_ticks;
        }
        INFO("text " << i);
        CHECK(creation_payload(request) ==
              expected.dump(-1, ' ', false, json::error_handler_t::replace));
    }
}
