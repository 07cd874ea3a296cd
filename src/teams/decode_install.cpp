// The bot added to a team, a group chat or a 1:1 chat: it says hello with the help, and
// the Directory learns who else was added.
#include "decode_detail.hpp"

namespace firebreak::teams::detail {
namespace {

using nlohmann::json;

/// The "help" an installation answers with, from the person who installed the bot.
void say_hello(Context& c) {
    c.out.installed = true;
    app::Inbound in = inbound_for(c);
    // Teams sends both a conversationUpdate and an installationUpdate (different ids)
    // for one installation: one hello per conversation while the key is remembered.
    in.dedupe_key = "install:" + c.out.activity.conversation_id;
    in.body = app::TypedCommand{"help"};
    c.out.inbound = std::move(in);
}

}  // namespace

void decode_members_added(Context& c) {
    const json* added = member(c.body, "membersAdded");
    if (!added || !added->is_array()) return;  // members removed, a rename…
    bool bot = false;
    for (const auto& m : *added) {
        std::string id = string_at(m, "id");
        if (!c.out.activity.recipient_id.empty() && id == c.out.activity.recipient_id)
            bot = true;
        else
            c.people.push_back({string_at(m, "aadObjectId"), id, string_at(m, "name")});
    }
    if (bot) say_hello(c);
}

void decode_installation(Context& c) {
    if (string_at(c.body, "action") == "add") say_hello(c);
}

}  // namespace firebreak::teams::detail
