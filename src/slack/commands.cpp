// POST /slack/commands: `/incident …` typed in Slack.
#include "firebreak/slack/decode.hpp"
#include "firebreak/slack/endpoints.hpp"
#include "firebreak/slack/form.hpp"
#include "replies.hpp"

namespace firebreak::slack {

http::Staged SlackEndpoints::commands(const http::Request& request) {
    if (auto refusal = refuse_unsigned(request)) return http::answered(std::move(*refusal));
    auto form = parse_form(request.body());
    if (!form) return http::answered(detail::bad_request("the body is not valid form data"));
    return applied(decode_command(*form, clock_.now()));
}

}  // namespace firebreak::slack
