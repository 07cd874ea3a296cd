#include "slack_requests.hpp"

#include <cctype>
#include <ctime>
#include <nlohmann/json.hpp>

namespace firebreak::bench {
namespace {

/// application/x-www-form-urlencoded, as Slack sends it: spaces as '+', the rest as %XX.
std::string form_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else if (c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

}  // namespace

std::string_view to_string(RequestKind kind) {
    switch (kind) {
        case RequestKind::declare:
            return "declare";
        case RequestKind::update:
            return "update";
        case RequestKind::note:
            return "note";
        case RequestKind::event:
            return "event";
    }
    return "?";
}

std::optional<RequestKind> parse_kind(std::string_view name) {
    for (RequestKind kind : kAllKinds)
        if (to_string(kind) == name) return kind;
    return std::nullopt;
}

SlackRequestFactory::SlackRequestFactory(const std::string& signing_secret)
    : signer_(signing_secret) {}

http::Request SlackRequestFactory::make(RequestKind kind, std::uint64_t n,
                                        std::string_view tag) const {
    std::string number = std::to_string(n);
    if (kind == RequestKind::declare)
        return command("CGENERAL", "declare bench " + std::string(tag) + " " + number + " sev3",
                       std::string(tag) + "." + number);
    if (kind == RequestKind::event) return event(n, tag);
    const IncidentChannel& channel = channels_.at(n % channels_.size());
    if (kind == RequestKind::update)
        return command(channel.id, "update Bench update " + number + ": still investigating", "");
    return command(channel.id, "note Bench note " + number + ": checked the dashboards", "");
}

http::Request SlackRequestFactory::command(const std::string& channel, const std::string& text,
                                           const std::string& trigger) const {
    std::string body = "team_id=T0BENCH&team_domain=bench&channel_id=" + channel +
                       "&channel_name=bench&user_id=UBENCH&user_name=bench&command=%2Fincident" +
                       "&text=" + form_encode(text) +
                       "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0BENCH%2F1%2Fx" +
                       "&trigger_id=" + form_encode(trigger) + "&api_app_id=A0BENCH";
    return signed_post("/slack/commands", "application/x-www-form-urlencoded", std::move(body));
}

http::Request SlackRequestFactory::event(std::uint64_t n, std::string_view tag) const {
    const IncidentChannel& channel = channels_.at(n % channels_.size());
    std::time_t now = std::time(nullptr);
    nlohmann::json body = {
        {"type", "event_callback"},
        {"team_id", "T0BENCH"},
        {"api_app_id", "A0BENCH"},
        {"event_id", "Ev" + std::string(tag) + std::to_string(n)},
        {"event_time", now},
        {"event",
         {{"type", "reaction_added"},
          {"user", "UBENCH"},
          {"reaction", "pushpin"},
          {"item", {{"type", "message"}, {"channel", channel.id}, {"ts", channel.message_ts}}},
          {"item_user", "UWRITER"},
          {"event_ts", std::to_string(now) + ".000200"}}},
    };
    return signed_post("/slack/events", "application/json", body.dump());
}

http::Request SlackRequestFactory::signed_post(const char* target, const char* content_type,
                                               std::string body) const {
    // The real clock: the server rejects timestamps more than five minutes off.
    std::string timestamp = std::to_string(std::time(nullptr));
    http::Request request{http::Verb::post, target, 11};
    request.set(http::Field::content_type, content_type);
    request.set(http::Field::user_agent, "Slackbot 1.0 (+https://api.slack.com/robots)");
    request.set("X-Slack-Request-Timestamp", timestamp);
    request.set("X-Slack-Signature", signer_.sign(timestamp, body));
    request.body() = std::move(body);
    return request;
}

}  // namespace firebreak::bench
