// POST /slack/interactions: buttons, user pickers and form submissions.
#include "firebreak/chat/untrusted_json.hpp"
#include "firebreak/slack/decode.hpp"
#include "firebreak/slack/endpoints.hpp"
#include "firebreak/slack/form.hpp"
#include "replies.hpp"

namespace firebreak::slack {
http::Staged SlackEndpoints::interactions(const http::Request& request) {
    if (auto refusal = refuse_unsigned(request)) return http::answered(std::move(*refusal));
    auto form = parse_form(request.body());
    if (!form) return http::answered(detail::bad_request("the body is not valid form data"));
    const std::string text = field(*form, "payload");
    auto parsed = chat::parse_untrusted_json(text);
    if (!parsed && chat::nests_deeper_than(text))
        return http::answered(detail::bad_request("the payload field nests deeper than 64 levels"));
    if (!parsed || !parsed->is_object())
        return http::answered(detail::bad_request("the payload field is not a JSON object"));
    return applied(decode_interaction(*parsed, clock_.now()));
}

}  // namespace firebreak::slack
