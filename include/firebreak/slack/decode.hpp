#pragma once
// One decoder per Slack payload kind, shared by the request URLs (HTTP mode) and Socket
// Mode: a slash command's fields, an interactive payload, an Events API callback. Each
// returns the app::Inbound(s) to apply and how the answer is shaped; apply() runs them
// through the front door and writes the answer HTTP puts in its body and Socket Mode in
// its acknowledgement's `payload`. No signature here: the caller has verified the source.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "firebreak/app/front_door.hpp"
#include "firebreak/app/inbound.hpp"
#include "firebreak/core/time.hpp"
#include "firebreak/slack/form.hpp"

namespace firebreak::slack {

/// What the answer to a decoded payload holds.
enum class AnswerShape {
    none,           ///< an empty acknowledgement
    command_reply,  ///< a slash command's reply: {"response_type","text","blocks"}
    form_errors,    ///< a refused view_submission: {"response_action":"errors",…}
};

struct Decoded {
    /// Set when the payload is malformed (HTTP answers 400; Socket Mode logs it and
    /// acknowledges, since a resend would be as malformed). Nothing else is set then.
    std::optional<std::string> refusal;
    /// Applied in order through the front door (a block_actions may carry several).
    std::vector<app::Inbound> inbounds;
    /// Answered as is, with nothing applied (url_verification's challenge).
    std::optional<nlohmann::json> immediate;
    AnswerShape shape = AnswerShape::none;
};

/// A slash command's fields (HTTP: the form body; Socket Mode: the payload's members).
Decoded decode_command(const FormFields& fields, core::Timestamp now);
/// An interactive payload: block_actions, view_submission; others decode to nothing.
Decoded decode_interaction(const nlohmann::json& payload, core::Timestamp now);
/// An Events API body: event_callback (a reaction with `timeline_emoji`, a pin) or
/// url_verification; others decode to nothing.
Decoded decode_event(const nlohmann::json& body, const std::string& timeline_emoji,
                     core::Timestamp now);

/// The string members of a JSON object as form fields (a Socket Mode slash command).
FormFields fields_of(const nlohmann::json& object);

struct Applied {
    /// The answer; nullopt for an empty acknowledgement.
    std::optional<nlohmann::json> body;
    /// Inbounds the front door had seen before (a retry): nothing was done for them.
    std::vector<std::string> duplicates;
};

/// Hands each inbound of `decoded` (no refusal) to the front door and shapes the answer.
/// Throws what FrontDoor::handle throws; then the inbounds before it were applied.
Applied apply(app::FrontDoor& front_door, const Decoded& decoded);

}  // namespace firebreak::slack
