#include "firebreak/teams/endpoint.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "firebreak/chat/untrusted_json.hpp"
#include "firebreak/teams/bot_auth.hpp"
#include "firebreak/teams/cards.hpp"

namespace firebreak::teams {
namespace {

using nlohmann::json;

/// Mentions looked up per request at most, and the time they may take together: each is a
/// connector call on the server's thread, so the budget is small (a mention past it reads
/// "@Name", and the person is learned the first time they speak).
constexpr std::size_t kMaxLookups = 3;
constexpr auto kLookupBudget = std::chrono::milliseconds(1500);

http::Response empty_ok() {
    return http::text_response(http::Status::ok, "");
}

http::Response json_ok(const json& body) {
    return http::json_response(http::Status::ok,
                               body.dump(-1, ' ', false, json::error_handler_t::replace));
}

std::string string_at(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// "Title: too long. Severity: pick one." for an invoke's error answer.
std::string joined(const chat::FieldErrors& errors) {
    std::string text;
    for (const auto& [field, why] : errors) text += (text.empty() ? "" : " ") + why;
    return text;
}

}  // namespace

TeamsEndpoint::TeamsEndpoint(app::FrontDoor& front_door, const app::Clock& clock,
                             BotAuthenticator& auth, Directory& directory, DecodeSettings settings,
                             MemberLookup lookup, EndpointHooks hooks)
    : front_door_(front_door),
      clock_(clock),
      auth_(auth),
      directory_(directory),
      settings_(std::move(settings)),
      lookup_(std::move(lookup)),
      hooks_(std::move(hooks)) {}

void TeamsEndpoint::add_routes(http::Router& router) {
    router.add(http::Verb::post, "/teams/messages",
               [this](const http::Request& r) { return messages(r); });
}

http::Response TeamsEndpoint::messages(const http::Request& request) {
    auto header = request.find(http::Field::authorization);
    const std::string_view authorization =
        header == request.end() ? std::string_view() : std::string_view(header->value());
    auto refuse = [&](const std::string& why) {
        // The reason only: never the token.
        if (auto unsaid = refusals_logged_.admit(log::Throttle::Clock::now()))
            spdlog::warn("teams: refused POST /teams/messages: {}{}", why,
                         *unsaid == 0 ? std::string()
                                      : " (and " + std::to_string(*unsaid) +
                                            " more refused since the last such line)");
        if (hooks_.auth_failed) hooks_.auth_failed();
        return http::text_response(http::Status::unauthorized, "unauthorized\n");
    };
    if (authorization.empty()) return refuse("no Authorization header");
    // The token is checked against the activity's channelId and serviceUrl, so the body is
    // parsed first; nothing of it is used before the token holds.
    auto parsed = chat::parse_untrusted_json(request.body());
    if (!parsed || !parsed->is_object()) return bad_request("the body is not a JSON object");
    AuthVerdict verdict = auth_.verify(authorization, string_at(*parsed, "channelId"),
                                       string_at(*parsed, "serviceUrl"));
    if (!verdict.ok) return refuse(verdict.reason);

    Decoded decoded = decode_activity(request.body(), settings_, clock_.now(), directory_);
    if (decoded.refusal)
        return decoded.invoke ? json_ok(invoke_error(400, "invalid", *decoded.refusal))
                              : bad_request(*decoded.refusal);
    if (!decoded.unknown_mentions.empty()) decoded = resolve_mentions(request.body(), decoded);
    if (!decoded.inbound) return decoded.invoke ? json_ok(json::object()) : empty_ok();
    app::Answer answer = front_door_.handle(*decoded.inbound);
    if (!decoded.invoke) return empty_ok();
    return invoke_answer(decoded, answer);
}

Decoded TeamsEndpoint::resolve_mentions(std::string_view body, Decoded decoded) {
    if (!lookup_) return decoded;
    std::size_t looked = 0;
    const auto deadline = std::chrono::steady_clock::now() + kLookupBudget;
    for (const std::string& member : decoded.unknown_mentions) {
        if (++looked > kMaxLookups || std::chrono::steady_clock::now() >= deadline) break;
        auto person =
            lookup_(decoded.activity.service_url, decoded.activity.conversation_id, member);
        if (person) directory_.remember(*person);
    }
    return decode_activity(body, settings_, clock_.now(), directory_);
}

http::Response TeamsEndpoint::bad_request(const std::string& why) {
    // Said at most once a minute: anyone can send a body that is not an activity.
    if (auto unsaid = bad_requests_logged_.admit(log::Throttle::Clock::now()))
        spdlog::warn("teams: bad request: {}{}", why,
                     *unsaid == 0 ? std::string()
                                  : " (and " + std::to_string(*unsaid) +
                                        " more bad requests since the last such line)");
    return http::text_response(http::Status::bad_request, why + "\n");
}

http::Response TeamsEndpoint::invoke_answer(const Decoded& decoded,
                                            const app::Answer& answer) const {
    if (decoded.activity.name == "composeExtensions/submitAction") return json_ok(json::object());
    switch (answer.kind) {
        case app::Answer::Kind::form_errors:
            return json_ok(invoke_error(400, "invalid", joined(answer.errors)));
        case app::Answer::Kind::form:
            return json_ok(invoke_message("The form is on its way, in this conversation."));
        case app::Answer::Kind::duplicate:
        case app::Answer::Kind::reply:
            break;
    }
    return json_ok(invoke_message("Got it."));
}

}  // namespace firebreak::teams
