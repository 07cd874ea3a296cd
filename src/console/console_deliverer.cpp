#include "firebreak/console/console_deliverer.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

#include "firebreak/app/front_door.hpp"
#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/chat/untrusted_json.hpp"
#include "firebreak/console/text_renderer.hpp"

namespace firebreak::console {

app::PlatformProfile platform_profile() {
    app::PlatformProfile profile;
    profile.name = "console";
    profile.answers_buttons = true;
    profile.plain_names = true;  // the console's people are the names typed
    profile.forms = app::PlatformProfile::Forms::in_answer;
    return profile;
}

app::DeliveryOutcome ConsoleDeliverer::deliver(const store::OutboxItem& item,
                                               const std::string& conversation,
                                               app::DeliveryContext& ctx) {
    namespace kind = app::outbox_kind;
    if (item.kind == kind::create_conversation) {
        if (!item.incident_id)
            return app::DeliveryOutcome::failed("create_conversation without an incident");
        auto payload = chat::parse_untrusted_json(item.payload).value_or(nlohmann::json());
        std::string name =
            payload.is_object() && payload.contains("name") && payload["name"].is_string()
                ? payload["name"].get<std::string>()
                : "";
        if (name.empty()) return app::DeliveryOutcome::failed("create_conversation: no name");
        // The console's conversations are their names: an incident's is the incident's.
        ctx.attach_conversation(*item.incident_id, name);
        out_ << "  (#" << name << " was created and you joined it)\n";
        if (hooks_.created) hooks_.created(name);
        return app::DeliveryOutcome::delivered();
    }
    if (item.kind == kind::post || item.kind == kind::post_summary || item.kind == kind::notice ||
        item.kind == kind::post_checklist) {
        auto message = chat::deserialize(item.payload);
        if (!message) return app::DeliveryOutcome::failed("unreadable message payload");
        out_ << "  #" << conversation << "  firebreak:\n" << render(*message, 1, "    ");
        // The checklist's buttons are pressed from /incident checklist: the summary's Claim
        // buttons stay the ones :click presses after a declare.
        if (hooks_.shown && item.kind != kind::post_checklist) hooks_.shown(*message, conversation);
        return app::DeliveryOutcome::delivered();
    }
    if (item.kind == kind::invite) {
        auto payload = chat::parse_untrusted_json(item.payload).value_or(nlohmann::json());
        if (payload.is_object() && payload.contains("user") && payload["user"].is_string())
            out_ << "  (@" << payload["user"].get<std::string>() << " joined #" << conversation
                 << ")\n";
        return app::DeliveryOutcome::delivered();
    }
    if (item.kind == kind::post_document) {
        // A terminal has nowhere to attach a file: the short message, and where the whole
        // text is.
        auto payload = chat::parse_untrusted_json(item.payload).value_or(nlohmann::json());
        auto message = chat::deserialize(payload.is_object() && payload.contains("message")
                                             ? payload["message"].dump()
                                             : std::string());
        if (!message) return app::DeliveryOutcome::failed("post_document: unreadable payload");
        if (item.incident_id)
            message->footer = "The whole draft: firebreak export " +
                              std::to_string(*item.incident_id) + " --format md";
        out_ << "  #" << conversation << "  firebreak:\n" << render(*message, 1, "    ");
        return app::DeliveryOutcome::delivered();
    }
    if (item.kind == kind::ephemeral) {
        auto payload = chat::parse_untrusted_json(item.payload).value_or(nlohmann::json());
        auto message = chat::deserialize(payload.is_object() && payload.contains("message")
                                             ? payload["message"].dump()
                                             : std::string());
        if (!message) return app::DeliveryOutcome::failed("ephemeral: unreadable payload");
        out_ << "  (only you can see this)\n" << render(*message, 1, "    ");
        if (hooks_.shown) hooks_.shown(*message, conversation);
        return app::DeliveryOutcome::delivered();
    }
    // update_summary, update_checklist, set_topic: the console has no pinned message or
    // topic (/incident summary and /incident checklist show them); it never
    // queues forms (they are prompts) or message captures.
    return app::DeliveryOutcome::delivered();
}

}  // namespace firebreak::console
