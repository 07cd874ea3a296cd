#include "replies.hpp"

#include <spdlog/spdlog.h>

#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/slack/blocks.hpp"
#include "firebreak/slack/deliverer.hpp"

namespace firebreak::slack::detail {
namespace {

void enqueue(store::Transaction& tx, const std::string& conversation, std::string_view kind,
             std::string payload, core::Timestamp now) {
    store::OutboxItem item;
    item.platform = "slack";
    item.conversation = conversation;
    item.kind = std::string(kind);
    item.payload = std::move(payload);
    item.created_at = now;
    item.next_attempt_at = now;
    tx.enqueue(item);
}

std::string dump(const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void enqueue_open_view(store::Transaction& tx, const std::string& trigger_id,
                       const nlohmann::json& view, core::Timestamp now) {
    // Keyed by the trigger, not a channel: it must not wait behind a channel's queue.
    enqueue(tx, "trigger:" + trigger_id, outbox_kind::open_view,
            dump({{"trigger_id", trigger_id}, {"view", view}}), now);
}

void enqueue_reply(store::Transaction& tx, const app::Reply& reply, const std::string& channel,
                   const std::string& user, core::Timestamp now) {
    for (const auto& message : reply.messages) {
        if (reply.visibility == app::Visibility::in_channel)
            enqueue(tx, channel, app::outbox_kind::post, chat::serialize(message), now);
        else
            enqueue(tx, channel, app::outbox_kind::ephemeral,
                    dump({{"user", user},
                          {"message", nlohmann::json::parse(chat::serialize(message))}}),
                    now);
    }
}

std::size_t fitting_in_one(const std::vector<chat::Message>& messages) {
    std::size_t blocks = 0;
    for (std::size_t i = 0; i < messages.size(); ++i) {
        std::size_t own = render(messages[i])["blocks"].size() + (i > 0 ? 1 : 0);  // a divider
        if (i > 0 && blocks + own > kMaxBlocks - 1) return i;
        blocks += own;
    }
    return messages.size();
}

http::Response command_reply(const app::Reply& reply) {
    nlohmann::json body = render(reply.messages);
    body["response_type"] =
        reply.visibility == app::Visibility::in_channel ? "in_channel" : "ephemeral";
    return http::json_response(http::Status::ok, dump(body));
}

http::Response acknowledged() {
    return http::text_response(http::Status::ok, "");
}

http::Response bad_request(const std::string& why) {
    spdlog::warn("slack: bad request: {}", why);
    return http::text_response(http::Status::bad_request, why + "\n");
}

std::string string_at(const nlohmann::json& j, const char* key) {
    if (!j.is_object()) return "";
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string string_at(const nlohmann::json& j, const char* a, const char* b) {
    if (!j.is_object()) return "";
    auto it = j.find(a);
    return it == j.end() ? std::string() : string_at(*it, b);
}

}  // namespace firebreak::slack::detail
