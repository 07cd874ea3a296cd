#pragma once
// Requests as an adapter hands them to app::FrontDoor, for tests and benches.

#include <string>

#include "firebreak/app/inbound.hpp"

namespace firebreak::testing {

/// `/incident <text>` typed by `user` in `conversation` on `platform`, remembered by
/// `dedupe_key` when it is not "".
inline app::Inbound typed_command(const std::string& platform, const std::string& conversation,
                                  const std::string& user, const std::string& text,
                                  const std::string& dedupe_key = "") {
    app::Inbound in;
    in.platform = platform;
    in.conversation = conversation;
    in.user = user;
    in.dedupe_key = dedupe_key;
    in.body = app::TypedCommand{text};
    return in;
}

}  // namespace firebreak::testing
