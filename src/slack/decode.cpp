// apply(): a decoded payload through the front door, and its answer's shape, for HTTP and
// Socket Mode alike.
#include "firebreak/slack/decode.hpp"

#include "firebreak/slack/blocks.hpp"
#include "firebreak/slack/modals.hpp"
#include "replies.hpp"

namespace firebreak::slack {

Applied apply(app::FrontDoor& front_door, const Decoded& decoded) {
    Applied applied;
    if (decoded.immediate) {
        applied.body = decoded.immediate;
        return applied;
    }
    for (const auto& in : decoded.inbounds) {
        app::Answer answer = front_door.handle(in);
        if (answer.kind == app::Answer::Kind::duplicate) {
            applied.duplicates.push_back(in.dedupe_key);
            continue;
        }
        if (decoded.shape == AnswerShape::command_reply &&
            answer.kind == app::Answer::Kind::reply && !answer.reply.messages.empty())
            applied.body = detail::command_reply_body(answer.reply);
        // A refused submission keeps the form open with the errors; anything else closes it.
        if (decoded.shape == AnswerShape::form_errors &&
            answer.kind == app::Answer::Kind::form_errors)
            applied.body = field_errors(answer.errors);
    }
    return applied;
}

namespace detail {

namespace {
http::Response json_answer(const nlohmann::json& body) {
    return http::json_response(http::Status::ok,
                               body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}
}  // namespace

std::optional<http::Response> answer_at_once(const Decoded& decoded) {
    if (decoded.refusal) return bad_request(*decoded.refusal);
    if (decoded.immediate) return json_answer(*decoded.immediate);
    if (decoded.inbounds.empty()) return acknowledged();
    return std::nullopt;
}

http::Response answer(const Applied& applied) {
    return applied.body ? json_answer(*applied.body) : acknowledged();
}

}  // namespace detail
}  // namespace firebreak::slack
