#pragma once
// What every platform adapter hands the front door: one verified, decoded request, in
// terms that know no platform. Adapters build it; app::FrontDoor applies it.

#include <map>
#include <optional>
#include <string>
#include <variant>

#include "firebreak/chat/form.hpp"
#include "firebreak/core/incident.hpp"
#include "firebreak/core/time.hpp"

namespace firebreak::app {

/// `/incident <text>` typed by a person.
struct TypedCommand {
    std::string text;  ///< the words after "/incident", as typed
};

/// A button or a picker: the command it stands for ("ic me", "tl <@U2>").
struct ButtonPress {
    std::string command;
};

/// A form sent back with its values.
struct FormSubmission {
    std::string form_id;                         ///< chat::Form::id of the form opened
    std::map<std::string, std::string> context;  ///< chat::Form::context, as it came back
    chat::FieldValues values;
};

/// A chat message someone asked to keep in the incident's timeline (a 📌, a pin, a
/// message action). Where the platform's request carries no text (Slack's reaction and pin
/// events), `text` is nullopt and the platform's deliverer reads the message back first.
struct MessageCapture {
    std::string message_id;  ///< the platform's id for the message (a Slack ts)
    std::optional<std::string> text;
    core::UserId author;  ///< who wrote it ("" when read back later)
    std::optional<core::Timestamp> written_at;
};

struct Inbound {
    std::string platform;      ///< "slack", "teams", "console"
    std::string workspace;     ///< the Slack team or the Teams tenant; "" when there is one
    std::string conversation;  ///< where it happened
    core::UserId user;         ///< who did it
    core::Timestamp received_at{};
    /// Identifies the request across the platform's retries ("event:Ev1", an action's
    /// timestamp); "" when the platform never repeats it. Remembered in the same
    /// transaction as the change.
    std::string dedupe_key;
    /// What lets the platform open a form in answer (Slack's trigger_id); "" when none.
    std::string form_token;
    std::variant<TypedCommand, ButtonPress, FormSubmission, MessageCapture> body;
};

}  // namespace firebreak::app
