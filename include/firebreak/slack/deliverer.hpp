#pragma once
// Performs outbox items through Slack's Web API. Multi-step items (create the channel →
// invite → topic; post → pin; upload URL → bytes → share) record each finished step, so a restart
// resumes after it.

#include <string_view>

#include "firebreak/app/delivery.hpp"
#include "firebreak/slack/web_api.hpp"

namespace firebreak::slack {

class SlackDeliverer : public app::OutboxDeliverer {
  public:
    explicit SlackDeliverer(SlackWebApi& api) : api_(api) {}

    app::DeliveryOutcome deliver(const store::OutboxItem& item, const std::string& conversation,
                                 app::DeliveryContext& ctx) override;
    std::string_view platform() const override { return "slack"; }
    /// One post per second per channel (chat.postMessage's documented limit).
    app::Pacing pacing() const override;
    /// A form for a trigger_id (it lives 3 s) and an ephemeral reply.

  private:
    app::DeliveryOutcome create_conversation(const store::OutboxItem& item,
                                             app::DeliveryContext& ctx);
    app::DeliveryOutcome post(const store::OutboxItem& item, const std::string& channel,
                              app::DeliveryContext& ctx);
    /// Slack's external upload: files.getUploadURLExternal, the bytes to its upload_url,
    /// files.completeUploadExternal into the channel with the message as its comment.
    app::DeliveryOutcome post_document(const store::OutboxItem& item, const std::string& channel,
                                       app::DeliveryContext& ctx);
    app::DeliveryOutcome update_summary(const store::OutboxItem& item, app::DeliveryContext& ctx);
    /// Edits the pinned message of `purpose` (kSummaryRef, kChecklistRef) in place.
    app::DeliveryOutcome update_pinned(const store::OutboxItem& item, const char* purpose,
                                       app::DeliveryContext& ctx);
    /// conversations.invite of the payload's user; one already in it is delivered.
    app::DeliveryOutcome invite(const store::OutboxItem& item, const std::string& conversation);
    app::DeliveryOutcome capture(const store::OutboxItem& item, const std::string& channel,
                                 app::DeliveryContext& ctx);
    app::DeliveryOutcome open_form(const store::OutboxItem& item, app::DeliveryContext& ctx);

    SlackWebApi& api_;
};

}  // namespace firebreak::slack
