#pragma once
// The console's side of the outbox: the pretend workspace's "API". Conversations are
// names, posts are printed, and a new incident's conversation is its name. It runs under
// the same app::OutboxWorker as Slack's deliverer, so the console exercises the production
// delivery path.

#include <functional>
#include <iosfwd>
#include <string>

#include "firebreak/app/delivery.hpp"
#include "firebreak/app/front_door.hpp"
#include "firebreak/chat/message.hpp"

namespace firebreak::console {

/// How the console platform shows answers: every message at once, buttons' answers too,
/// and forms as prompts in the answer.
app::PlatformProfile platform_profile();

class ConsoleDeliverer : public app::OutboxDeliverer {
  public:
    struct Hooks {
        /// A conversation was created for an incident (the person moves into it).
        std::function<void(const std::string& conversation)> created;
        /// A message with buttons was shown in `conversation`.
        std::function<void(const chat::Message&, const std::string& conversation)> shown;
    };

    ConsoleDeliverer(std::ostream& out, Hooks hooks) : out_(out), hooks_(std::move(hooks)) {}

    app::DeliveryOutcome deliver(const store::OutboxItem& item, const std::string& conversation,
                                 app::DeliveryContext& ctx) override;
    std::string_view platform() const override { return "console"; }

  private:
    std::ostream& out_;
    Hooks hooks_;
};

}  // namespace firebreak::console
