#pragma once
// Slack's three request URLs: /slack/commands, /slack/interactions and /slack/events.
// Every request's signature is checked before anything else, and the request is decoded
// into an app::Inbound, on the thread that read it (each URL is an http::Stage); the front
// door then applies and commits it, on the application's thread, before the reply. Every
// Web API call happens later, through the outbox.

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "firebreak/app/clock.hpp"
#include "firebreak/app/front_door.hpp"
#include "firebreak/http/router.hpp"
#include "firebreak/log/throttle.hpp"
#include "firebreak/slack/decode.hpp"
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

    /// Registers POST /slack/commands, /slack/interactions and /slack/events, as stages.
    void add_routes(http::Router& router);

    /// The URLs' stages: the signature checked and the body decoded, safe on any thread;
    /// what is left runs the front door.
    http::Staged commands(const http::Request& request);
    http::Staged interactions(const http::Request& request);
    http::Staged events(const http::Request& request);

  private:
    /// nullopt when the signature holds; else the 401 to send.
    std::optional<http::Response> refuse_unsigned(const http::Request& request);
    /// A decoded command or interaction: answered at once when it needs no front door (a
    /// refusal, nothing to apply), else left for the application's thread to apply.
    http::Staged applied(Decoded decoded);

    app::FrontDoor& front_door_;
    const app::Clock& clock_;
    EndpointSettings settings_;
    SlackSignatureVerifier verifier_;
    EndpointHooks hooks_;
    log::Throttle refusals_logged_;  ///< a flood of forged requests must not fill the log
};

}  // namespace firebreak::slack
