// A message typed to the bot: "@firebreak declare …" in a channel or group chat, or the
// same words without the mention in a 1:1 chat.
#include <cctype>

#include "decode_detail.hpp"

namespace firebreak::teams::detail {
namespace {

/// `text` without one leading "/incident" or "incident" word (any case).
std::string without_prefix(std::string text) {
    for (std::string_view prefix : {"/incident", "incident"}) {
        if (text.size() < prefix.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < prefix.size() && same; ++i)
            same = std::tolower(static_cast<unsigned char>(text[i])) == prefix[i];
        if (!same || (text.size() > prefix.size() && text[prefix.size()] != ' ')) continue;
        return text.size() > prefix.size() ? text.substr(prefix.size() + 1) : std::string();
    }
    return text;
}

}  // namespace

void decode_message(Context& c) {
    const Activity& a = c.out.activity;
    std::string html = string_at(c.body, "text");
    if (html.empty()) return;  // an attachment, a card: nothing typed
    auto mentions = mentions_of(c.body);
    bool for_the_bot = false;
    for (const auto& m : mentions)
        for_the_bot = for_the_bot || (!a.recipient_id.empty() && m.member_id == a.recipient_id);
    // Teams only sends a bot channel and group-chat messages that @mention it; anything
    // else (a resent or forwarded message) is not addressed to firebreak.
    if (a.conversation_type != "personal" && !for_the_bot) return;
    PlainText plain = plain_text(html, mentions, a.recipient_id, c.directory);
    app::Inbound in = inbound_for(c);
    in.body = app::TypedCommand{without_prefix(std::move(plain.text))};
    c.out.inbound = std::move(in);
    c.out.unknown_mentions = std::move(plain.unknown_mentions);
}

}  // namespace firebreak::teams::detail
