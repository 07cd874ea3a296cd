// POST /slack/commands: `/incident …` typed in Slack.
#include "firebreak/slack/blocks.hpp"
#include "firebreak/slack/endpoints.hpp"
#include "firebreak/slack/form.hpp"
#include "firebreak/slack/ids.hpp"
#include "replies.hpp"

namespace firebreak::slack {

http::Response SlackEndpoints::commands(const http::Request& request) {
    if (auto refusal = refuse_unsigned(request)) return *refusal;
    auto form = parse_form(request.body());
    if (!form) return detail::bad_request("the body is not valid form data");
    if (field(*form, "ssl_check") == "1") return detail::acknowledged();

    std::string user = field(*form, "user_id");
    std::string channel = field(*form, "channel_id");
    if (!is_user_id(user) || !is_channel_id(channel))
        return detail::bad_request("a slash command needs a valid user_id and channel_id");
    app::Inbound in = inbound(field(*form, "team_id"), channel, user);
    in.form_token = field(*form, "trigger_id");
    // A trigger is the command's identity: the same trigger never declares twice.
    if (!in.form_token.empty()) in.dedupe_key = "trigger:" + in.form_token;
    // Slack escapes &, < and > in command text; the grammar wants what was typed.
    in.body = app::TypedCommand{defuse_broadcasts(unescape(field(*form, "text")))};
    app::Answer answer = front_door_.handle(in);
    if (answer.kind != app::Answer::Kind::reply || answer.reply.messages.empty())
        return detail::acknowledged();  // a form opens, or a repeat: nothing to say here
    return detail::command_reply(answer.reply);
}

}  // namespace firebreak::slack
