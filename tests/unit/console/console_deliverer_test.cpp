// What the console shows of outbox items it cannot perform as a chat platform would.
#include "firebreak/console/console_deliverer.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/store/store.hpp"

using namespace firebreak;

TEST_CASE("a postmortem file in the console is its short message and where the draft is") {
    store::Store store({":memory:", "normal"});
    store.migrate();
    chat::Message message;
    message.text = "*Postmortem draft: DB down* (inc-x), with 9000 timeline entries";
    store::OutboxItem item;
    item.id = 1;
    item.incident_id = 7;
    item.platform = "console";
    item.kind = std::string(app::outbox_kind::post_document);
    item.payload = nlohmann::json{{"title", "Postmortem draft: DB down"},
                                  {"filename", "inc-x-postmortem.md"},
                                  {"text", "# Postmortem: DB down\n" + std::string(50000, 'x')},
                                  {"message", nlohmann::json::parse(chat::serialize(message))}}
                       .dump();
    std::ostringstream out;
    console::ConsoleDeliverer deliverer(out, {});
    app::DeliveryContext ctx(store, item, core::Timestamp{});
    auto outcome = deliverer.deliver(item, "inc-x", ctx);
    CHECK(outcome.kind == app::DeliveryOutcome::Kind::delivered);
    CHECK(out.str().find("Postmortem draft: DB down") != std::string::npos);
    CHECK(out.str().find("firebreak export 7 --format md") != std::string::npos);
    CHECK(out.str().size() < 400);  // the draft itself is not printed
}
