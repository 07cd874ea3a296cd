#pragma once
// Performs outbox items through Slack's Web API. Multi-step items (create the channel →
// invite → topic; post → pin) record each finished step, so a restart resumes after it.

#include <string_view>

#include "firebreak/app/delivery.hpp"
#include "firebreak/slack/web_api.hpp"

namespace firebreak::slack {

/// Outbox kinds only the Slack adapter writes.
namespace outbox_kind {
/// Open a modal. Payload: {"trigger_id", "view"}. A trigger works once, within 3 s.
inline constexpr std::string_view open_view = "slack.open_view";
/// Add a message to the incident's timeline. Payload: {"channel", "ts", "captured_by"}.
inline constexpr std::string_view capture_message = "slack.capture_message";
}  // namespace outbox_kind

/// The message_refs purpose of the pinned summary.
inline constexpr const char* kSummaryRef = "summary";

class SlackDeliverer : public app::OutboxDeliverer {
  public:
    explicit SlackDeliverer(SlackWebApi& api) : api_(api) {}

    app::DeliveryOutcome deliver(const store::OutboxItem& item, const std::string& conversation,
                                 app::DeliveryContext& ctx) override;
    std::string_view platform() const override { return "slack"; }
    /// One post per second per channel (chat.postMessage's documented limit).
    app::Pacing pacing() const override;
    /// A form for a trigger_id (it lives 3 s) and an ephemeral reply.
    bool urgent(const store::OutboxItem& item) const override;

  private:
    app::DeliveryOutcome create_conversation(const store::OutboxItem& item,
                                             app::DeliveryContext& ctx);
    app::DeliveryOutcome post(const store::OutboxItem& item, const std::string& channel,
                              app::DeliveryContext& ctx);
    app::DeliveryOutcome update_summary(const store::OutboxItem& item, app::DeliveryContext& ctx);
    app::DeliveryOutcome capture(const store::OutboxItem& item, app::DeliveryContext& ctx);

    SlackWebApi& api_;
};

}  // namespace firebreak::slack
