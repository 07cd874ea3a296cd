#pragma once
// Slack's three request URLs: /slack/commands, /slack/interactions and /slack/events.
// Every request's signature is checked before anything else; a command is applied and
// committed before the reply, and every Web API call happens later, through the outbox.

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "firebreak/app/clock.hpp"
#include "firebreak/app/incident_service.hpp"
#include "firebreak/http/router.hpp"
#include "firebreak/slack/signature.hpp"

namespace firebreak::store {
class Store;
}

namespace firebreak::slack {

struct EndpointSettings {
    std::string signing_secret;
    std::string timeline_emoji = "pushpin";  ///< reacting with it adds a message to the timeline
};

/// What the endpoints report for metrics.
struct EndpointHooks {
    std::function<void()> signature_failed;
};

class SlackEndpoints {
  public:
    /// `store` must be the service's store (same thread, same connection).
    SlackEndpoints(app::IncidentService& service, store::Store& store, const app::Clock& clock,
                   EndpointSettings settings, EndpointHooks hooks = {});

    /// Registers POST /slack/commands, /slack/interactions and /slack/events.
    void add_routes(http::Router& router);

    http::Response commands(const http::Request& request);
    http::Response interactions(const http::Request& request);
    http::Response events(const http::Request& request);

  private:
    /// The form a command opens instead of running ("update" with no text, "handover
    /// <role>" with nothing else) when `channel` has a live incident; nullopt otherwise.
    std::optional<nlohmann::json> form_for(const std::string& text, const std::string& channel);

    /// nullopt when the signature holds; else the 401 to send.
    std::optional<http::Response> refuse_unsigned(const http::Request& request);

    app::IncidentService& service_;
    store::Store& store_;
    const app::Clock& clock_;
    EndpointSettings settings_;
    SlackSignatureVerifier verifier_;
    EndpointHooks hooks_;
};

}  // namespace firebreak::slack
