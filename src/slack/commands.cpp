// POST /slack/commands: `/incident …` typed in Slack.
#include <spdlog/spdlog.h>

#include "firebreak/command/parser.hpp"
#include "firebreak/command/text.hpp"
#include "firebreak/slack/blocks.hpp"
#include "firebreak/slack/endpoints.hpp"
#include "firebreak/slack/form.hpp"
#include "firebreak/slack/modals.hpp"
#include "firebreak/store/store.hpp"
#include "replies.hpp"

namespace firebreak::slack {
namespace {

/// How long a trigger_id is remembered: far longer than Slack could retry it.
constexpr core::Duration kTriggerMemory = std::chrono::hours(24);

}  // namespace

http::Response SlackEndpoints::commands(const http::Request& request) {
    if (auto refusal = refuse_unsigned(request)) return *refusal;
    auto form = parse_form(request.body());
    if (!form) return detail::bad_request("the body is not valid form data");
    if (field(*form, "ssl_check") == "1") return detail::acknowledged();

    std::string user = field(*form, "user_id");
    std::string channel = field(*form, "channel_id");
    if (user.empty() || channel.empty())
        return detail::bad_request("a slash command needs user_id and channel_id");
    std::string trigger = field(*form, "trigger_id");
    // Slack escapes &, < and > in command text; the grammar wants what was typed.
    std::string text = defuse_broadcasts(unescape(field(*form, "text")));
    core::Timestamp now = clock_.now();

    auto parsed = command::parse(text, command::ParseContext{user});
    bool is_declare =
        std::holds_alternative<core::Command>(parsed) &&
        (std::holds_alternative<core::cmd::Declare>(std::get<core::Command>(parsed)) ||
         std::holds_alternative<core::cmd::DeclareForm>(std::get<core::Command>(parsed)));
    // A declare's trigger is remembered: the same trigger never declares twice.
    if (is_declare && !trigger.empty()) {
        auto tx = store_.begin();
        bool fresh = tx.remember("slack", "slack:trigger:" + trigger, now, now + kTriggerMemory);
        tx.commit();
        if (!fresh) {
            spdlog::info("slack: trigger {} seen before; not declaring twice", trigger);
            return detail::acknowledged();
        }
    }

    bool declare_form =
        std::holds_alternative<core::Command>(parsed) &&
        std::holds_alternative<core::cmd::DeclareForm>(std::get<core::Command>(parsed));
    if (declare_form && !trigger.empty()) {
        auto tx = store_.begin();
        detail::enqueue_open_view(tx, trigger, declare_modal(service_.settings().policy, channel),
                                  now);
        tx.commit();
        return detail::acknowledged();  // the form opens; nothing to say in the channel
    }
    if (!trigger.empty()) {
        if (auto form = form_for(text, channel)) {
            auto tx = store_.begin();
            detail::enqueue_open_view(tx, trigger, *form, now);
            tx.commit();
            return detail::acknowledged();
        }
        // No live incident here: the service explains, as for any other command.
    }
    app::Reply reply = service_.handle(app::Invocation{channel, user, text});
    // What does not fit in the answer (a long postmortem draft) follows as more messages.
    std::size_t now_count = detail::fitting_in_one(reply.messages);
    if (now_count < reply.messages.size()) {
        app::Reply later{reply.visibility,
                         {reply.messages.begin() + static_cast<std::ptrdiff_t>(now_count),
                          reply.messages.end()}};
        reply.messages.resize(now_count);
        auto tx = store_.begin();
        detail::enqueue_reply(tx, later, channel, user, now);
        tx.commit();
    }
    return detail::command_reply(reply);
}

}  // namespace firebreak::slack
