#pragma once
// The people and the summary-like message the Teams cards tests render.

#include "firebreak/chat/message.hpp"
#include "firebreak/teams/directory.hpp"

namespace cards_test {

using firebreak::chat::ButtonStyle;
using firebreak::chat::Message;
using firebreak::teams::Directory;

inline constexpr const char* kAda = "8d9c5b7e-0000-4000-8000-00000000ada1";
inline constexpr const char* kBob = "8d9c5b7e-0000-4000-8000-000000000b0b";

/// A directory that knows Ada and Bob (a Directory holds a mutex: it cannot be returned).
struct People : Directory {
    People() {
        remember({kAda, "29:ada", "Ada Lovelace"});
        remember({kBob, "29:bob", "Bob"});
    }
};

/// As app's views::summary builds it for a live SEV2 with an IC and no TL or Comms.
inline Message summary_message() {
    Message m;
    m.text = "*SEV2 · checkout is failing* (investigating)";
    m.fields = {{"Incident", "inc-2026-12-01-checkout"},
                {"Status", "investigating"},
                {"Incident Commander", std::string("<@") + kAda + ">"},
                {"Tech Lead", "nobody yet"},
                {"Communications Lead", "nobody yet"},
                {"Declared", std::string("2026-12-01 15:02 UTC by <@") + kBob + ">"}};
    m.buttons = {{"Claim TL", "tl me", ButtonStyle::primary},
                 {"Claim Comms", "comms me", ButtonStyle::primary},
                 {"Post update", "update", ButtonStyle::normal},
                 {"Resolve", "resolve", ButtonStyle::danger}};
    m.pickers = {{"Assign Incident Commander", "ic"},
                 {"Assign Tech Lead", "tl"},
                 {"Assign Communications Lead", "comms"}};
    m.footer = "This is a drill.";
    return m;
}

}  // namespace cards_test
