// POST /slack/events: the Events API. Pinned or marked messages join the timeline.
#include <spdlog/spdlog.h>

#include "firebreak/chat/untrusted_json.hpp"
#include "firebreak/slack/decode.hpp"
#include "firebreak/slack/endpoints.hpp"
#include "replies.hpp"

namespace firebreak::slack {

http::Staged SlackEndpoints::events(const http::Request& request) {
    if (auto refusal = refuse_unsigned(request)) return http::answered(std::move(*refusal));
    auto parsed = chat::parse_untrusted_json(request.body());
    if (!parsed && chat::nests_deeper_than(request.body()))
        return http::answered(detail::bad_request("the body nests deeper than 64 levels"));
    if (!parsed || !parsed->is_object())
        return http::answered(detail::bad_request("the body is not a JSON object"));
    Decoded decoded = decode_event(*parsed, settings_.timeline_emoji, clock_.now());
    // url_verification, and events that are not for the timeline, need no front door.
    if (auto at_once = detail::answer_at_once(decoded)) return http::answered(std::move(*at_once));
    return http::deferred([this, decoded = std::move(decoded)](const http::Request& r) {
        Applied applied = apply(front_door_, decoded);
        for (const auto& key : applied.duplicates) {
            auto retry = r.find("X-Slack-Retry-Num");
            spdlog::info(
                "slack: event {} already handled (retry {})", key,
                retry == r.end() ? std::string_view("-") : std::string_view(retry->value()));
        }
        return detail::answer(applied);
    });
}

}  // namespace firebreak::slack
