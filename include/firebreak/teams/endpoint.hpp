#pragma once
// POST /teams/messages: the Bot Framework's one request URL. Every request's bearer token
// is checked before anything is read into the directory or the store; the activity is
// decoded into an app::Inbound for the front door, which applies and commits it before the
// answer. An invoke (a card's button, a form, the "Add to timeline" action) is answered in
// the HTTP response; everything else gets an empty 200 and its replies through the outbox.

#include <functional>
#include <optional>
#include <string>

#include "firebreak/app/clock.hpp"
#include "firebreak/app/front_door.hpp"
#include "firebreak/http/message.hpp"
#include "firebreak/http/router.hpp"
#include "firebreak/log/throttle.hpp"
#include "firebreak/teams/decode.hpp"
#include "firebreak/teams/directory.hpp"

namespace firebreak::teams {

class BotAuthenticator;

/// Looks up who a member id ("29:…") is, through the connector, for a mention the
/// directory did not know; nullopt when Teams could not say.
using MemberLookup = std::function<std::optional<Person>(
    const std::string& service_url, const std::string& conversation, const std::string& member)>;

struct EndpointHooks {
    std::function<void()> auth_failed;  ///< for /metrics
};

class TeamsEndpoint {
  public:
    /// `front_door` must have platform_profile() registered.
    TeamsEndpoint(app::FrontDoor& front_door, const app::Clock& clock, BotAuthenticator& auth,
                  Directory& directory, DecodeSettings settings, MemberLookup lookup = {},
                  EndpointHooks hooks = {});

    /// Registers POST /teams/messages.
    void add_routes(http::Router& router);

    http::Response messages(const http::Request& request);

  private:
    /// Resolves the mentions the directory did not know, then decodes again.
    Decoded resolve_mentions(std::string_view body, Decoded decoded);
    http::Response invoke_answer(const Decoded& decoded, const app::Answer& answer) const;
    http::Response bad_request(const std::string& why);

    app::FrontDoor& front_door_;
    const app::Clock& clock_;
    BotAuthenticator& auth_;
    Directory& directory_;
    DecodeSettings settings_;
    MemberLookup lookup_;
    EndpointHooks hooks_;
    log::Throttle refusals_logged_;      ///< a flood of bad tokens must not fill the log
    log::Throttle bad_requests_logged_;  ///< nor one of bodies that are not activities
};

}  // namespace firebreak::teams
