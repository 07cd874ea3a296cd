#pragma once
// Slack's three request URLs: /slack/commands, /slack/interactions and /slack/events.
// Every request's signature is checked before anything else; the request is decoded into
// an app::Inbound for the front door, which applies and commits it before the reply.
// Every Web API call happens later, through the outbox.

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "firebreak/app/clock.hpp"
#include "firebreak/app/front_door.hpp"
#include "firebreak/http/router.hpp"
#include "firebreak/log/throttle.hpp"
#include "firebreak/slack/signature.hpp"

namespace firebreak::slack {

struct EndpointSettings {
    std::string signing_secret;
    std::string timeline_emoji = "pushpin";  ///< reacting with it adds a message to the timeline
};

/// What the endpoints report for metrics.
struct EndpointHooks {
    std::function<void()> signature_failed;
};

/// How Slack shows answers: a slash command's answer in its HTTP response (as many
/// messages as fit in one), everything else through the outbox; forms open with the
/// request's trigger_id.
app::PlatformProfile platform_profile();

class SlackEndpoints {
  public:
    /// `front_door` must have platform_profile() registered.
    SlackEndpoints(app::FrontDoor& front_door, const app::Clock& clock, EndpointSettings settings,
                   EndpointHooks hooks = {});

    /// Registers POST /slack/commands, /slack/interactions and /slack/events.
    void add_routes(http::Router& router);

    http::Response commands(const http::Request& request);
    http::Response interactions(const http::Request& request);
    http::Response events(const http::Request& request);

  private:
    /// nullopt when the signature holds; else the 401 to send.
    std::optional<http::Response> refuse_unsigned(const http::Request& request);

    app::FrontDoor& front_door_;
    const app::Clock& clock_;
    EndpointSettings settings_;
    SlackSignatureVerifier verifier_;
    EndpointHooks hooks_;
    log::Throttle refusals_logged_;  ///< a flood of forged requests must not fill the log
};

}  // namespace firebreak::slack
