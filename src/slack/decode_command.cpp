// A slash command's fields decoded into an Inbound (HTTP form body or Socket Mode payload).
#include "firebreak/slack/blocks.hpp"
#include "firebreak/slack/decode.hpp"
#include "firebreak/slack/ids.hpp"
#include "payload.hpp"

namespace firebreak::slack {

Decoded decode_command(const FormFields& fields, core::Timestamp now) {
    Decoded decoded;
    if (field(fields, "ssl_check") == "1") return decoded;
    std::string user = field(fields, "user_id");
    std::string channel = field(fields, "channel_id");
    if (!is_user_id(user) || !is_channel_id(channel)) {
        decoded.refusal = "a slash command needs a valid user_id and channel_id";
        return decoded;
    }
    app::Inbound in = detail::inbound(field(fields, "team_id"), channel, user, now);
    in.form_token = field(fields, "trigger_id");
    // A trigger is the command's identity: the same trigger never declares twice.
    if (!in.form_token.empty()) in.dedupe_key = "trigger:" + in.form_token;
    // Slack escapes &, < and > in command text; the grammar wants what was typed.
    in.body = app::TypedCommand{defuse_broadcasts(unescape(field(fields, "text")))};
    decoded.inbounds.push_back(std::move(in));
    decoded.shape = AnswerShape::command_reply;
    return decoded;
}

FormFields fields_of(const nlohmann::json& object) {
    FormFields fields;
    if (!object.is_object()) return fields;
    for (auto it = object.begin(); it != object.end(); ++it)
        if (it.value().is_string()) fields.emplace(it.key(), it.value().get<std::string>());
    return fields;
}

}  // namespace firebreak::slack
