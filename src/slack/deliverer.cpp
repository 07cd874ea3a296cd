#include "firebreak/slack/deliverer.hpp"

#include <spdlog/spdlog.h>

#include <charconv>

#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/chat/message.hpp"
#include "firebreak/chat/untrusted_json.hpp"
#include "firebreak/core/clip.hpp"
#include "firebreak/slack/blocks.hpp"
#include "firebreak/slack/modals.hpp"

namespace firebreak::slack {
namespace {

using app::DeliveryOutcome;
using nlohmann::json;

constexpr std::size_t kMaxChannelName = 80;
constexpr std::size_t kMaxTopicBytes = 250;
/// Names tried after name_taken before giving up: "<name>-2" … "<name>-20".
constexpr int kMaxNameAttempts = 20;
/// A trigger_id expires 3 s after the click; later attempts cannot open the form.
constexpr core::Duration kTriggerLifetime = std::chrono::seconds(3);

DeliveryOutcome outcome_of(const ApiResult& r, std::string_view method) {
    if (r.kind == ApiResult::Kind::transient)
        return DeliveryOutcome::retry(
            r.error.starts_with(method) ? r.error : std::string(method) + ": " + r.error,
            r.retry_after);
    return DeliveryOutcome::failed(
        r.error.starts_with(method) ? r.error : std::string(method) + ": " + r.error);
}

json parse_object(const std::string& text) {
    json j = chat::parse_untrusted_json(text).value_or(json());
    return j.is_object() ? j : json::object();
}

std::string string_at(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool flag(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_boolean() && it->get<bool>();
}

std::string channel_name(const std::string& base, int attempt) {
    if (attempt <= 1) return base.substr(0, kMaxChannelName);
    std::string suffix = "-" + std::to_string(attempt);
    return base.substr(0, kMaxChannelName - suffix.size()) + suffix;
}

std::string clip_topic(const std::string& topic) {
    return core::clip_bytes(topic, kMaxTopicBytes);
}

/// "1531420618.000200" → the second it names.
core::Timestamp time_of_ts(const std::string& ts, core::Timestamp fallback) {
    long long seconds = 0;
    auto [end, ec] = std::from_chars(ts.data(), ts.data() + ts.size(), seconds);
    if (ec != std::errc() || seconds <= 0) return fallback;
    return core::Timestamp(core::Duration(seconds));
}

}  // namespace

app::Pacing SlackDeliverer::pacing() const {
    return app::Pacing{{app::PacingRule{1, std::chrono::seconds(1)}}};
}

DeliveryOutcome SlackDeliverer::deliver(const store::OutboxItem& item,
                                        const std::string& conversation,
                                        app::DeliveryContext& ctx) {
    namespace kind = app::outbox_kind;
    if (item.kind == kind::create_conversation) return create_conversation(item, ctx);
    if (item.kind == kind::open_form) return open_form(item, ctx);
    if (item.kind == kind::capture_message) return capture(item, item.conversation, ctx);
    if (conversation.empty())
        return DeliveryOutcome::failed("the incident has no Slack channel (its creation failed)");
    if (item.kind == kind::update_summary) return update_summary(item, ctx);
    if (item.kind == kind::update_checklist) return update_pinned(item, app::kChecklistRef, ctx);
    if (item.kind == kind::invite) return invite(item, conversation);
    if (item.kind == kind::set_topic) {
        json payload = parse_object(item.payload);
        auto r = api_.call(
            "conversations.setTopic",
            {{"channel", conversation}, {"topic", clip_topic(string_at(payload, "topic"))}});
        return r.ok() ? DeliveryOutcome::delivered() : outcome_of(r, "conversations.setTopic");
    }
    if (item.kind == kind::ephemeral) {
        json payload = parse_object(item.payload);
        auto message = chat::deserialize(payload.contains("message") ? payload["message"].dump()
                                                                     : std::string());
        if (!message) return DeliveryOutcome::failed("ephemeral: unreadable payload");
        json body = render(*message);
        body["channel"] = conversation;
        body["user"] = string_at(payload, "user");
        auto r = api_.call("chat.postEphemeral", body);
        return r.ok() ? DeliveryOutcome::delivered() : outcome_of(r, "chat.postEphemeral");
    }
    if (item.kind == kind::post || item.kind == kind::notice || item.kind == kind::post_summary ||
        item.kind == kind::post_checklist)
        return post(item, conversation, ctx);
    if (item.kind == kind::post_document) return post_document(item, conversation, ctx);
    return DeliveryOutcome::failed("unknown outbox kind '" + item.kind + "'");
}

DeliveryOutcome SlackDeliverer::create_conversation(const store::OutboxItem& item,
                                                    app::DeliveryContext& ctx) {
    if (!item.incident_id)
        return DeliveryOutcome::failed("create_conversation without an incident");
    json payload = parse_object(item.payload);
    json progress = parse_object(ctx.progress());
    std::string channel = string_at(progress, "channel");
    if (channel.empty()) {
        std::string base = string_at(payload, "name");
        int attempt = progress.value("attempt", 1);
        for (;; ++attempt) {
            if (attempt > kMaxNameAttempts)
                return DeliveryOutcome::failed("conversations.create: every name from " + base +
                                               " to " + channel_name(base, kMaxNameAttempts) +
                                               " is taken");
            auto r = api_.call("conversations.create", {{"name", channel_name(base, attempt)},
                                                        {"is_private", flag(payload, "private")}});
            if (r.ok()) {
                channel = r.body.contains("channel") && r.body["channel"].is_object()
                              ? string_at(r.body["channel"], "id")
                              : "";
                if (channel.empty())
                    return DeliveryOutcome::failed(
                        "conversations.create: no channel id in the answer");
                break;
            }
            if (r.error != "name_taken") return outcome_of(r, "conversations.create");
            progress["attempt"] = attempt + 1;
            ctx.save_progress(progress.dump());
        }
        // Recorded at once: after a crash from here on the channel is reused, not re-created.
        progress["channel"] = channel;
        ctx.save_progress(progress.dump());
    }
    // On every attempt, so a crash between saving the channel and recording it cannot leave
    // the incident without it (or its announcement unqueued); recording it again does nothing.
    ctx.attach_conversation(*item.incident_id, channel);
    if (!flag(progress, "invited")) {
        std::string users;
        if (payload.contains("invite") && payload["invite"].is_array())
            for (const auto& u : payload["invite"])
                if (u.is_string() && !u.get<std::string>().empty())
                    users += (users.empty() ? "" : ",") + u.get<std::string>();
        if (!users.empty()) {
            auto r = api_.call("conversations.invite", {{"channel", channel}, {"users", users}});
            if (r.kind == ApiResult::Kind::transient) return outcome_of(r, "conversations.invite");
            if (!r.ok() && r.error != "already_in_channel" && r.error != "cant_invite_self")
                // The channel works without this person; say why in the log and go on.
                spdlog::warn("slack: could not invite {} to {}: {}", users, channel, r.error);
        }
        progress["invited"] = true;
        ctx.save_progress(progress.dump());
    }
    if (!flag(progress, "topic")) {
        std::string topic = string_at(payload, "topic");
        if (!topic.empty()) {
            auto r = api_.call("conversations.setTopic",
                               {{"channel", channel}, {"topic", clip_topic(topic)}});
            if (r.kind == ApiResult::Kind::transient)
                return outcome_of(r, "conversations.setTopic");
            if (!r.ok()) spdlog::warn("slack: could not set the topic of {}: {}", channel, r.error);
        }
        progress["topic"] = true;
        ctx.save_progress(progress.dump());
    }
    return DeliveryOutcome::delivered();
}

DeliveryOutcome SlackDeliverer::post(const store::OutboxItem& item, const std::string& channel,
                                     app::DeliveryContext& ctx) {
    auto message = chat::deserialize(item.payload);
    if (!message) return DeliveryOutcome::failed("unreadable message payload");
    // The summary and the checklist are pinned, and found again to be edited in place.
    const char* pinned_ref = item.kind == app::outbox_kind::post_summary     ? app::kSummaryRef
                             : item.kind == app::outbox_kind::post_checklist ? app::kChecklistRef
                                                                             : nullptr;
    bool summary = pinned_ref != nullptr && item.incident_id;
    json progress = parse_object(ctx.progress());
    std::string ts = string_at(progress, "ts");
    if (ts.empty()) {
        json body = render(*message);
        body["channel"] = channel;
        auto r = api_.call("chat.postMessage", body);
        if (!r.ok()) return outcome_of(r, "chat.postMessage");
        ts = string_at(r.body, "ts");
        if (!summary) return DeliveryOutcome::delivered();
        progress["ts"] = ts;
        ctx.save_progress(progress.dump());
        ctx.set_message_ref(*item.incident_id, pinned_ref, store::MessageRef{channel, ts});
    }
    auto r = api_.call("pins.add", {{"channel", channel}, {"timestamp", ts}});
    if (!r.ok() && r.error != "already_pinned") {
        if (r.kind == ApiResult::Kind::transient) return outcome_of(r, "pins.add");
        spdlog::warn("slack: could not pin the summary in {}: {}", channel, r.error);
    }
    return DeliveryOutcome::delivered();
}

DeliveryOutcome SlackDeliverer::post_document(const store::OutboxItem& item,
                                              const std::string& channel,
                                              app::DeliveryContext& ctx) {
    json payload = parse_object(item.payload);
    auto message =
        chat::deserialize(payload.contains("message") ? payload["message"].dump() : std::string());
    std::string text = string_at(payload, "text");
    if (!message || text.empty())
        return DeliveryOutcome::failed("post_document: unreadable payload");
    std::string filename = string_at(payload, "filename");
    if (filename.empty()) filename = "document.md";
    json progress = parse_object(ctx.progress());
    std::string file_id = string_at(progress, "file_id");
    std::string upload_url = string_at(progress, "upload_url");
    if (file_id.empty() || upload_url.empty()) {
        auto r = api_.call_form("files.getUploadURLExternal",
                                {{"filename", filename}, {"length", std::to_string(text.size())}});
        if (!r.ok()) return outcome_of(r, "files.getUploadURLExternal");
        file_id = string_at(r.body, "file_id");
        upload_url = string_at(r.body, "upload_url");
        if (file_id.empty() || upload_url.empty())
            return DeliveryOutcome::failed(
                "files.getUploadURLExternal: no file_id or upload_url in the answer");
        // Recorded at once: after a crash the same file is uploaded and shared, not another.
        progress = json{{"file_id", file_id}, {"upload_url", upload_url}};
        ctx.save_progress(progress.dump());
    }
    if (!flag(progress, "uploaded")) {
        auto r = api_.upload(upload_url, text);
        if (r.kind == ApiResult::Kind::error) {
            // The URL may have expired while the item waited (a long outage, a restart): ask
            // for a new one next time rather than fail the draft.
            ctx.save_progress("{}");
            return DeliveryOutcome::retry(r.error + "; asking for a new upload URL");
        }
        if (!r.ok()) return outcome_of(r, "file upload");
        progress["uploaded"] = true;
        ctx.save_progress(progress.dump());
    }
    json files = json::array({{{"id", file_id}, {"title", string_at(payload, "title")}}});
    auto r = api_.call_form("files.completeUploadExternal",
                            {{"files", files.dump(-1, ' ', false, json::error_handler_t::replace)},
                             {"channel_id", channel},
                             {"initial_comment", to_mrkdwn(message->text)}});
    return r.ok() ? DeliveryOutcome::delivered() : outcome_of(r, "files.completeUploadExternal");
}

DeliveryOutcome SlackDeliverer::update_summary(const store::OutboxItem& item,
                                               app::DeliveryContext& ctx) {
    return update_pinned(item, app::kSummaryRef, ctx);
}

DeliveryOutcome SlackDeliverer::invite(const store::OutboxItem& item,
                                       const std::string& conversation) {
    std::string user = string_at(parse_object(item.payload), "user");
    if (user.empty()) return DeliveryOutcome::failed("invite: no user");
    auto r = api_.call("conversations.invite", {{"channel", conversation}, {"users", user}});
    if (r.ok() || r.error == "already_in_channel" || r.error == "cant_invite_self")
        return DeliveryOutcome::delivered();
    return outcome_of(r, "conversations.invite");
}

DeliveryOutcome SlackDeliverer::update_pinned(const store::OutboxItem& item, const char* purpose,
                                              app::DeliveryContext& ctx) {
    if (!item.incident_id) return DeliveryOutcome::failed(item.kind + " without an incident");
    auto ref = ctx.message_ref(*item.incident_id, purpose);
    if (!ref) {
        // The message was never posted (its post failed for good): nothing to keep current.
        spdlog::warn("slack: incident {} has no {} message to update", *item.incident_id, purpose);
        return DeliveryOutcome::delivered();
    }
    auto message = chat::deserialize(item.payload);
    if (!message) return DeliveryOutcome::failed("unreadable message payload");
    json body = render(*message);
    body["channel"] = ref->conversation;
    body["ts"] = ref->ref;
    auto r = api_.call("chat.update", body);
    return r.ok() ? DeliveryOutcome::delivered() : outcome_of(r, "chat.update");
}

DeliveryOutcome SlackDeliverer::open_form(const store::OutboxItem& item,
                                          app::DeliveryContext& ctx) {
    if (ctx.now() - item.created_at > kTriggerLifetime)
        return DeliveryOutcome::failed("views.open: the form's trigger expired");
    json payload = parse_object(item.payload);
    auto form = chat::deserialize_form(payload.contains("form") ? payload["form"].dump() : "");
    if (!form) return DeliveryOutcome::failed("views.open: unreadable form payload");
    auto r = api_.call(
        "views.open", {{"trigger_id", string_at(payload, "token")}, {"view", render_modal(*form)}});
    return r.ok() ? DeliveryOutcome::delivered() : outcome_of(r, "views.open");
}

DeliveryOutcome SlackDeliverer::capture(const store::OutboxItem& item, const std::string& channel,
                                        app::DeliveryContext& ctx) {
    if (!item.incident_id) return DeliveryOutcome::failed("capture_message without an incident");
    json payload = parse_object(item.payload);
    std::string ts = string_at(payload, "message_id");
    // A channel message is in the history; a thread reply only in its thread.
    json found;
    for (const char* method : {"conversations.history", "conversations.replies"}) {
        json args{{"channel", channel}, {"latest", ts}, {"inclusive", true}, {"limit", 1}};
        if (std::string_view(method) == "conversations.replies") args["ts"] = ts;
        auto r = api_.call(method, args);
        if (!r.ok()) return outcome_of(r, method);
        if (r.body.contains("messages") && r.body["messages"].is_array())
            for (const auto& m : r.body["messages"])
                if (m.is_object() && string_at(m, "ts") == ts) found = m;
        if (!found.is_null()) break;
    }
    if (found.is_null())
        return DeliveryOutcome::failed("message " + ts + " not found in " + channel);
    app::CapturedMessage message;
    message.conversation = channel;
    message.ref = ts;
    message.author = string_at(found, "user");
    if (message.author.empty()) {
        // Another app's post (a bot_message, e.g. a PagerDuty alert) has no user: its name.
        std::string name = found.contains("bot_profile") && found["bot_profile"].is_object()
                               ? string_at(found["bot_profile"], "name")
                               : "";
        if (name.empty()) name = string_at(found, "username");
        message.author = core::bot_author(unescape(name));
    }
    // Slack's escaping undone, and its broadcasts made plain words: the timeline is posted
    // again (in the postmortem draft), and must not page the channel a second time.
    message.text = defuse_broadcasts(unescape(string_at(found, "text")));
    // A file has no text of its own: its name says what was marked.
    if (found.contains("files") && found["files"].is_array())
        for (const auto& file : found["files"]) {
            if (!file.is_object()) continue;
            std::string name = string_at(file, "name");
            if (name.empty()) name = string_at(file, "title");
            if (name.empty()) continue;
            message.text += (message.text.empty() ? "" : " ") + std::string("(file: ") +
                            defuse_broadcasts(unescape(name)) + ")";
        }
    message.written_at = time_of_ts(ts, ctx.now());
    message.captured_by = string_at(payload, "captured_by");
    ctx.capture_message(*item.incident_id, message);
    return DeliveryOutcome::delivered();
}

}  // namespace firebreak::slack
