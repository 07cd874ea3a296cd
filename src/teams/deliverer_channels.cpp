// An incident's conversation: a Graph channel in the incidents team, or a thread in the
// announce channel.
#include <spdlog/spdlog.h>

#include <array>
#include <cctype>

#include "deliverer_util.hpp"
#include "firebreak/chat/message.hpp"
#include "firebreak/core/clip.hpp"
#include "firebreak/teams/cards.hpp"
#include "firebreak/teams/deliverer.hpp"

namespace firebreak::teams {
namespace {

using app::DeliveryOutcome;
using detail::flag;
using detail::outcome_of;
using detail::parse_object;
using detail::string_at;
using nlohmann::json;

constexpr std::size_t kMaxChannelName = 50;
/// Graph keeps at most 1,024 characters of a channel's description.
constexpr std::size_t kMaxDescription = 1024;
/// Names tried after a 409 before giving up: "<name>-2" … "<name>-20".
constexpr int kMaxNameAttempts = 20;

bool forbidden(unsigned char c) {
    static constexpr std::string_view kForbidden = "~#%&*{}+/\\:<>?|'\",";
    return c < 0x20 || c == 0x7f || kForbidden.find(static_cast<char>(c)) != std::string::npos;
}

bool reserved(std::string_view name) {
    std::string lower;
    for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "forms" || lower == "con" || lower == "prn" || lower == "aux" || lower == "nul")
        return true;
    return lower.size() == 4 && (lower.starts_with("com") || lower.starts_with("lpt")) &&
           lower[3] >= '1' && lower[3] <= '9';
}

/// Leading '_' / '.' / '-' / spaces and trailing '.' / spaces dropped.
std::string trim_ends(std::string name) {
    std::size_t start = name.find_first_not_of("_.- ");
    if (start == std::string::npos) return "";
    name.erase(0, start);
    while (!name.empty() && (name.back() == '.' || name.back() == ' ')) name.pop_back();
    return name;
}

}  // namespace

std::string channel_display_name(std::string_view base, int attempt) {
    std::string clean;
    for (unsigned char c : base) {
        char out = forbidden(c) ? '-' : static_cast<char>(c);
        if (out == '.' && !clean.empty() && clean.back() == '.') continue;  // no ".."
        clean += out;
    }
    clean = trim_ends(std::move(clean));
    if (clean.empty()) clean = "incident";
    if (reserved(clean)) clean += "-incident";
    std::string suffix = attempt <= 1 ? "" : "-" + std::to_string(attempt);
    // Characters, not bytes: Teams counts what people see. A cut may end in '.', trimmed again.
    std::string head = trim_ends(core::clip_chars(clean, kMaxChannelName - suffix.size(), ""));
    if (head.empty()) head = "incident";
    return head + suffix;
}

DeliveryOutcome TeamsDeliverer::create_conversation(const store::OutboxItem& item,
                                                    app::DeliveryContext& ctx) {
    if (!item.incident_id)
        return DeliveryOutcome::failed("create_conversation without an incident");
    return settings_.thread_per_incident ? create_thread(item, ctx) : create_channel(item, ctx);
}

DeliveryOutcome TeamsDeliverer::create_channel(const store::OutboxItem& item,
                                               app::DeliveryContext& ctx) {
    if (settings_.incidents_team.empty())
        return DeliveryOutcome::failed(
            "teams.incidents_team is not set: no team to create the incident's channel in");
    json payload = parse_object(item.payload);
    json progress = parse_object(ctx.progress());
    const bool is_private = flag(payload, "private");
    const std::string owner =
        payload.contains("origin") ? string_at(payload["origin"], "user") : "";
    std::string channel = string_at(progress, "channel");
    if (channel.empty()) {
        const std::string base = string_at(payload, "name");
        const std::string description =
            core::clip_chars(string_at(payload, "topic"), kMaxDescription);
        int attempt = progress.value("attempt", 1);
        for (;; ++attempt) {
            if (attempt > kMaxNameAttempts)
                return DeliveryOutcome::failed(
                    "graph create channel: every name from " + channel_display_name(base, 1) +
                    " to " + channel_display_name(base, kMaxNameAttempts) + " is taken");
            auto r =
                graph_.create_channel(settings_.incidents_team, channel_display_name(base, attempt),
                                      description, is_private, owner);
            if (r.ok()) {
                channel = string_at(r.body, "id");
                if (channel.empty())
                    return DeliveryOutcome::failed("graph create channel: no id in the answer");
                progress["name"] = channel_display_name(base, attempt);
                progress["web_url"] = string_at(r.body, "webUrl");
                break;
            }
            if (r.status == 403)
                return DeliveryOutcome::failed(
                    r.error +
                    ": firebreak may not create channels in the incidents team; grant the app "
                    "the Channel.Create.Group permission (install it in the team) or set "
                    "teams.incident_space: thread");
            if (r.status != 409) return outcome_of(r);
            progress["attempt"] = attempt + 1;
            ctx.save_progress(progress.dump());
        }
        // Recorded at once: after a crash from here on the channel is reused, not re-created.
        progress["channel"] = channel;
        ctx.save_progress(progress.dump());
    }
    // On every attempt, so a crash between saving the channel and recording it cannot leave
    // the incident without it; recording it again does nothing.
    // Known before the announcement that names it is rendered.
    directory_.remember_channel(channel, string_at(progress, "name"),
                                string_at(progress, "web_url"));
    ctx.attach_conversation(*item.incident_id, channel);
    // A standard channel has the team's members; a private one only those added.
    if (is_private && !flag(progress, "invited")) {
        if (payload.contains("invite") && payload["invite"].is_array())
            for (const auto& u : payload["invite"]) {
                if (!u.is_string() || u.get<std::string>().empty() || u == owner) continue;
                auto r = graph_.add_member(settings_.incidents_team, channel, u.get<std::string>(),
                                           false);
                if (r.kind == ApiResult::Kind::transient) return outcome_of(r);
                if (!r.ok() && r.status != 409)
                    spdlog::warn("teams: could not add {} to private channel {}: {}",
                                 u.get<std::string>(), channel, r.error);
            }
        progress["invited"] = true;
        ctx.save_progress(progress.dump());
    }
    return DeliveryOutcome::delivered();
}

DeliveryOutcome TeamsDeliverer::create_thread(const store::OutboxItem& item,
                                              app::DeliveryContext& ctx) {
    if (settings_.announce_channel.empty())
        return DeliveryOutcome::failed(
            "teams.incident_space is thread but no announce channel is set to start threads in");
    json payload = parse_object(item.payload);
    json progress = parse_object(ctx.progress());
    std::string conversation = string_at(progress, "conversation");
    if (conversation.empty()) {
        chat::Message root;
        root.text = "*" + string_at(payload, "name") + "*";
        if (std::string topic = string_at(payload, "topic"); !topic.empty())
            root.text += "\n" + topic;
        auto r = connector_.create_conversation(
            service_url_of(settings_.announce_channel),
            Connector::channel_thread(settings_.announce_channel,
                                      message_activity(root, directory_), settings_.tenant_id));
        if (!r.ok()) return outcome_of(r);
        conversation = string_at(r.body, "id");
        std::string activity = string_at(r.body, "activityId");
        if (conversation.empty())
            return DeliveryOutcome::failed("connector create conversation: no id in the answer");
        if (conversation.find(";messageid=") == std::string::npos && !activity.empty())
            conversation += ";messageid=" + activity;
        progress["conversation"] = conversation;
        ctx.save_progress(progress.dump());
    }
    directory_.remember_channel(conversation, string_at(payload, "name"), "");
    ctx.attach_conversation(*item.incident_id, conversation);
    return DeliveryOutcome::delivered();
}

}  // namespace firebreak::teams
