#pragma once
// chat::Message and chat::Form rendered as Adaptive Cards (version 1.5) and Bot Framework
// message activities, and the answers to an `invoke` (Action.Execute).
//
// The data every action carries (read back by decode.hpp) always sits under the key
// "firebreak": {"command": …} for a button, {"picker": …, "input": "picker.<n>"} for a
// person picker, {"form": …, "context": {…}} for a form's submit button. Every
// Action.Execute has verb "firebreak" and an Action.Submit fallback with the same data.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "firebreak/chat/form.hpp"
#include "firebreak/chat/message.hpp"
#include "firebreak/teams/directory.hpp"

namespace firebreak::teams {

inline constexpr std::string_view kActionVerb = "firebreak";
inline constexpr std::string_view kDataKey = "firebreak";
inline constexpr std::string_view kCardContentType = "application/vnd.microsoft.card.adaptive";
/// A picker's input id is this followed by the picker's index in its message.
inline constexpr std::string_view kPickerInputPrefix = "picker.";
/// A form field's input id is this followed by the field's id (a datetime field has two
/// inputs, "<that>.date" and "<that>.time").
inline constexpr std::string_view kFieldInputPrefix = "field.";

/// The Adaptive Card (version 1.5) for a message: text as TextBlocks (markup *bold* →
/// **bold**; "<@ENTRA-ID>" → "<at>Name</at>" with a msteams.entities mention whose
/// mentioned.id is the Entra id and name the Directory's name), fields as a FactSet,
/// buttons as Action.Execute (fallback Action.Submit; style primary→positive,
/// danger→destructive), pickers as people pickers with their own Action.Execute, footer as
/// small subtle text. Other text that Markdown would read (`_`, `[`, a leading `-` or `#`,
/// a stray `*`) is escaped so it shows as typed.
nlohmann::json message_card(const chat::Message& message, const Directory& names);

/// {"type":"message","summary":<plain text for previews>,"attachments":[{contentType
/// application/vnd.microsoft.card.adaptive, content: card}], "entities": []}.
/// No "text": Teams posts an activity with both text and a card as two messages and
/// answers without an activity id, so the message could never be edited. The mentions are
/// the card's msteams.entities, which notify the people mentioned.
nlohmann::json message_activity(const chat::Message& message, const Directory& names);

/// A form as a card with inputs (ids and data per the contract), title, submit button, and
/// `errors` shown under their fields (red attention text) with the entered `values` kept.
/// An error whose key names no field is shown under the title. A field with no entry in
/// `values` shows its `initial`.
nlohmann::json form_card(const chat::Form& form, const chat::FieldErrors& errors,
                         const chat::FieldValues& values, const Directory& names);
/// The message activity that posts a fresh form (no errors, initial values).
nlohmann::json form_activity(const chat::Form& form, const Directory& names);

/// Invoke answers (the HTTP body of the answer to an Action.Execute): replace the card
/// with `card`; show `text` as a message; refuse with `status` and {code, message}.
nlohmann::json invoke_card(const nlohmann::json& card);
nlohmann::json invoke_message(std::string_view text);
nlohmann::json invoke_error(int status, std::string_view code, std::string_view message);

/// A message activity's size as Teams counts it (UTF-16 code units of its JSON; an
/// ill-formed UTF-8 byte counts as the one replacement character it is sent as).
std::size_t teams_size(const nlohmann::json& activity);

/// The message split into parts whose activities are each under `limit` (Teams refuses a
/// channel message over ~28 KB with 413): text split at paragraph/line/word boundaries
/// (UTF-8 safe), fields and buttons on the last part. A message that fits is returned as
/// is. Fields that do not fit beside the buttons get parts of their own; only a single
/// field too long for any part is cut (with an ellipsis).
std::vector<chat::Message> split_message(const chat::Message& message, const Directory& names,
                                         std::size_t limit = 24000);

}  // namespace firebreak::teams
