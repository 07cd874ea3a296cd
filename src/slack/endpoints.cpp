// SlackEndpoints: routing and the signature check every request passes first.
#include "firebreak/slack/endpoints.hpp"

#include <spdlog/spdlog.h>

#include "replies.hpp"

namespace firebreak::slack {

app::PlatformProfile platform_profile() {
    app::PlatformProfile profile;
    profile.name = "slack";
    profile.fits_in_answer = [](const std::vector<chat::Message>& messages) {
        return detail::fitting_in_one(messages);
    };
    profile.answers_buttons = false;  // Slack ignores the body of an interaction's answer
    profile.forms = app::PlatformProfile::Forms::queued;
    return profile;
}

SlackEndpoints::SlackEndpoints(app::FrontDoor& front_door, const app::Clock& clock,
                               EndpointSettings settings, EndpointHooks hooks)
    : front_door_(front_door),
      clock_(clock),
      settings_(std::move(settings)),
      verifier_(settings_.signing_secret),
      hooks_(std::move(hooks)) {}

void SlackEndpoints::add_routes(http::Router& router) {
    router.add_staged(http::Verb::post, "/slack/commands",
                      [this](const http::Request& r) { return commands(r); });
    router.add_staged(http::Verb::post, "/slack/interactions",
                      [this](const http::Request& r) { return interactions(r); });
    router.add_staged(http::Verb::post, "/slack/events",
                      [this](const http::Request& r) { return events(r); });
}

http::Staged SlackEndpoints::applied(Decoded decoded) {
    if (auto at_once = detail::answer_at_once(decoded)) return http::answered(std::move(*at_once));
    return http::deferred([this, decoded = std::move(decoded)](const http::Request&) {
        return detail::answer(apply(front_door_, decoded));
    });
}

std::optional<http::Response> SlackEndpoints::refuse_unsigned(const http::Request& request) {
    auto header = [&](const char* name) {
        auto it = request.find(name);
        return it == request.end() ? std::string_view() : std::string_view(it->value());
    };
    SignatureCheck check =
        verifier_.check(header("X-Slack-Request-Timestamp"), header("X-Slack-Signature"),
                        request.body(), clock_.now());
    if (check == SignatureCheck::valid) return std::nullopt;
    if (auto unsaid = refusals_logged_.admit(log::Throttle::Clock::now()))
        spdlog::warn("slack: refused {} {}: {}{}", std::string_view(request.method_string()),
                     std::string_view(request.target()), describe(check),
                     *unsaid == 0 ? std::string()
                                  : " (and " + std::to_string(*unsaid) +
                                        " more refused since the last such line)");
    if (hooks_.signature_failed) hooks_.signature_failed();
    auto response = http::text_response(http::Status::unauthorized, "invalid signature\n");
    return response;
}

}  // namespace firebreak::slack
