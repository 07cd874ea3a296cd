// TeamsDeliverer: topics, invitations, private replies and messages read back for the
// timeline.
#include <spdlog/spdlog.h>

#include <charconv>

#include "deliverer_util.hpp"
#include "firebreak/chat/message.hpp"
#include "firebreak/core/clip.hpp"
#include "firebreak/teams/cards.hpp"
#include "firebreak/teams/deliverer.hpp"

namespace firebreak::teams {
namespace {

using app::DeliveryOutcome;
using detail::outcome_of;
using detail::parse_object;
using detail::string_at;
using nlohmann::json;

constexpr std::size_t kMaxDescription = 1024;

int number(std::string_view text, std::size_t at, std::size_t n) {
    int value = -1;
    if (at + n > text.size()) return -1;
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + n, value);
    return ec == std::errc() && end == text.data() + at + n ? value : -1;
}

/// Graph's "2026-11-22T10:00:00.123Z" (UTC) to the second; nullopt for anything else.
std::optional<core::Timestamp> parse_graph_time(std::string_view text) {
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
        text[13] != ':' || text[16] != ':' || text.back() != 'Z')
        return std::nullopt;
    int y = number(text, 0, 4), mo = number(text, 5, 2), d = number(text, 8, 2);
    int h = number(text, 11, 2), mi = number(text, 14, 2), s = number(text, 17, 2);
    if (y < 0 || mo < 1 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60)
        return std::nullopt;
    std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(unsigned(mo)),
                                     std::chrono::day(unsigned(d))};
    if (!date.ok()) return std::nullopt;
    return core::Timestamp(std::chrono::sys_days(date)) + std::chrono::hours(h) +
           std::chrono::minutes(mi) + std::chrono::seconds(s);
}

/// A chatMessage body's HTML as plain text: tags dropped (<br> and </p> as line breaks),
/// the usual entities decoded.
std::string plain_text(const std::string& html) {
    std::string out;
    for (std::size_t i = 0; i < html.size(); ++i) {
        if (html[i] == '<') {
            std::size_t end = html.find('>', i);
            if (end == std::string::npos) break;
            std::string tag = html.substr(i + 1, end - i - 1);
            if ((tag.starts_with("br") || tag == "/p" || tag == "/div") && !out.empty() &&
                out.back() != '\n')
                out += '\n';
            i = end;
            continue;
        }
        if (html[i] == '&') {
            static const std::pair<std::string_view, char> kEntities[] = {
                {"&amp;", '&'},  {"&lt;", '<'},   {"&gt;", '>'},   {"&quot;", '"'},
                {"&#39;", '\''}, {"&nbsp;", ' '}, {"&apos;", '\''}};
            bool done = false;
            for (const auto& [name, c] : kEntities)
                if (std::string_view(html).substr(i, name.size()) == name) {
                    out += c;
                    i += name.size() - 1;
                    done = true;
                    break;
                }
            if (done) continue;
        }
        out += html[i];
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

}  // namespace

DeliveryOutcome TeamsDeliverer::set_topic(const store::OutboxItem& item,
                                          const std::string& conversation) {
    // A thread has no description of its own.
    if (settings_.thread_per_incident || !detail::root_of(conversation).empty())
        return DeliveryOutcome::delivered();
    std::string topic = string_at(parse_object(item.payload), "topic");
    auto r = graph_.set_description(settings_.incidents_team, detail::channel_of(conversation),
                                    core::clip_chars(topic, kMaxDescription));
    return r.ok() ? DeliveryOutcome::delivered() : outcome_of(r);
}

DeliveryOutcome TeamsDeliverer::invite(const store::OutboxItem& item,
                                       const std::string& conversation) {
    std::string user = string_at(parse_object(item.payload), "user");
    if (user.empty()) return DeliveryOutcome::failed("invite: no user");
    // Threads and standard channels are open to the whole team already.
    if (settings_.thread_per_incident || !detail::root_of(conversation).empty())
        return DeliveryOutcome::delivered();
    const std::string channel = detail::channel_of(conversation);
    auto info = graph_.get_channel(settings_.incidents_team, channel);
    if (!info.ok()) return outcome_of(info);
    if (string_at(info.body, "membershipType") != "private") return DeliveryOutcome::delivered();
    auto r = graph_.add_member(settings_.incidents_team, channel, user, false);
    // 409: already a member, which is no failure.
    if (r.ok() || r.status == 409) return DeliveryOutcome::delivered();
    return outcome_of(r);
}

DeliveryOutcome TeamsDeliverer::ephemeral(const store::OutboxItem& item,
                                          const std::string& conversation,
                                          app::DeliveryContext& ctx) {
    json payload = parse_object(item.payload);
    auto message =
        chat::deserialize(payload.contains("message") ? payload["message"].dump() : std::string());
    const std::string user = string_at(payload, "user");
    if (!message || user.empty()) return DeliveryOutcome::failed("ephemeral: unreadable payload");
    const std::string service_url = service_url_of(conversation);
    json progress = parse_object(ctx.progress());
    if (!detail::flag(progress, "fallback")) {
        std::string chat = string_at(progress, "chat");
        if (chat.empty()) {
            std::lock_guard lock(chats_mutex_);
            if (auto it = chats_.find(user); it != chats_.end()) chat = it->second;
        }
        ApiResult refused;
        if (chat.empty()) {
            auto r = connector_.create_conversation(
                service_url, Connector::one_on_one(user, settings_.tenant_id));
            if (r.kind == ApiResult::Kind::transient) return outcome_of(r);
            chat = r.ok() ? string_at(r.body, "id") : "";
            if (!r.ok()) refused = r;
            if (!chat.empty()) {
                std::lock_guard lock(chats_mutex_);
                chats_[user] = chat;
                progress["chat"] = chat;
                ctx.save_progress(progress.dump());
            }
        }
        if (!chat.empty()) {
            auto r = connector_.send(service_url, chat, message_activity(*message, directory_));
            if (r.ok()) return DeliveryOutcome::delivered();
            if (r.kind == ApiResult::Kind::transient) return outcome_of(r);
            refused = r;
            std::lock_guard lock(chats_mutex_);
            chats_.erase(user);
        }
        spdlog::warn("teams: no 1:1 chat with {} ({}); replying in the conversation instead", user,
                     refused.error.empty() ? "no chat id in the answer" : refused.error);
        progress["fallback"] = true;
        ctx.save_progress(progress.dump());
    }
    // Teams would not give a chat: a reply in the conversation that names them.
    chat::Message reply = *message;
    reply.text = "<@" + user + "> " + reply.text;
    auto r = connector_.send(service_url, conversation, message_activity(reply, directory_));
    return r.ok() ? DeliveryOutcome::delivered() : outcome_of(r);
}

DeliveryOutcome TeamsDeliverer::capture(const store::OutboxItem& item, app::DeliveryContext& ctx) {
    if (!item.incident_id) return DeliveryOutcome::failed("capture_message without an incident");
    json payload = parse_object(item.payload);
    const std::string id = string_at(payload, "message_id");
    const std::string conversation = item.conversation;
    if (id.empty() || conversation.empty())
        return DeliveryOutcome::failed("capture_message: no message id or conversation");
    auto r = graph_.get_message(settings_.incidents_team, detail::channel_of(conversation),
                                detail::root_of(conversation), id);
    if (!r.ok()) return outcome_of(r);
    app::CapturedMessage message;
    message.conversation = conversation;
    message.ref = id;
    const json& from = r.body.contains("from") ? r.body["from"] : json();
    if (from.is_object() && from.contains("user") && from["user"].is_object())
        message.author = string_at(from["user"], "id");
    if (message.author.empty()) {
        // Another app's post (an alert) has no user: the app's name.
        std::string name = from.is_object() && from.contains("application")
                               ? string_at(from["application"], "displayName")
                               : "";
        message.author = core::bot_author(name.empty() ? "an app" : name);
    }
    const json& body = r.body.contains("body") ? r.body["body"] : json();
    std::string content = string_at(body, "content");
    message.text = string_at(body, "contentType") == "text" ? content : plain_text(content);
    message.written_at = parse_graph_time(string_at(r.body, "createdDateTime")).value_or(ctx.now());
    message.captured_by = string_at(payload, "captured_by");
    ctx.capture_message(*item.incident_id, message);
    return DeliveryOutcome::delivered();
}

}  // namespace firebreak::teams
