// SlackEndpoints: routing and the signature check every request passes first.
#include "firebreak/slack/endpoints.hpp"

#include <spdlog/spdlog.h>

#include "firebreak/command/text.hpp"
#include "firebreak/slack/modals.hpp"
#include "firebreak/store/store.hpp"
#include "replies.hpp"

namespace firebreak::slack {

SlackEndpoints::SlackEndpoints(app::IncidentService& service, store::Store& store,
                               const app::Clock& clock, EndpointSettings settings,
                               EndpointHooks hooks)
    : service_(service),
      store_(store),
      clock_(clock),
      settings_(std::move(settings)),
      verifier_(settings_.signing_secret),
      hooks_(std::move(hooks)) {}

void SlackEndpoints::add_routes(http::Router& router) {
    router.add(http::Verb::post, "/slack/commands",
               [this](const http::Request& r) { return commands(r); });
    router.add(http::Verb::post, "/slack/interactions",
               [this](const http::Request& r) { return interactions(r); });
    router.add(http::Verb::post, "/slack/events",
               [this](const http::Request& r) { return events(r); });
}

std::optional<nlohmann::json> SlackEndpoints::form_for(const std::string& text,
                                                       const std::string& channel) {
    bool update = command::iequals(command::trim(text), "update");
    auto handover = handover_form_role(text);
    if (!update && !handover) return std::nullopt;
    auto tx = store_.begin();
    auto incident = tx.incident_by_conversation("slack", channel);
    if (!incident || !core::is_live(incident->status)) return std::nullopt;
    if (update) return update_modal(*incident, channel);
    return handover_modal(*handover, service_.settings().policy.role_name(*handover), channel);
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
    spdlog::warn("slack: refused {} {}: {}", std::string_view(request.method_string()),
                 std::string_view(request.target()), describe(check));
    if (hooks_.signature_failed) hooks_.signature_failed();
    auto response = http::text_response(http::Status::unauthorized, "invalid signature\n");
    return response;
}

}  // namespace firebreak::slack
