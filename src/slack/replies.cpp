#include "replies.hpp"

#include <spdlog/spdlog.h>

#include "firebreak/slack/blocks.hpp"

namespace firebreak::slack::detail {
std::size_t fitting_in_one(const std::vector<chat::Message>& messages) {
    // One message always goes (render() cuts an oversized one): no need to render it twice.
    if (messages.size() <= 1) return messages.size();
    std::size_t blocks = 0;
    for (std::size_t i = 0; i < messages.size(); ++i) {
        std::size_t own = render(messages[i])["blocks"].size() + (i > 0 ? 1 : 0);  // a divider
        if (i > 0 && blocks + own > kMaxBlocks - 1) return i;
        blocks += own;
    }
    return messages.size();
}

nlohmann::json command_reply_body(const app::Reply& reply) {
    nlohmann::json body = render(reply.messages);
    body["response_type"] =
        reply.visibility == app::Visibility::in_channel ? "in_channel" : "ephemeral";
    return body;
}

http::Response acknowledged() {
    return http::text_response(http::Status::ok, "");
}

http::Response bad_request(const std::string& why) {
    spdlog::warn("slack: bad request: {}", why);
    return http::text_response(http::Status::bad_request, why + "\n");
}

}  // namespace firebreak::slack::detail
