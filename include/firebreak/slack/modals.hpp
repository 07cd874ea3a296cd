#pragma once
// chat::Form as a Slack modal, and a modal's view_submission back as field values.

#include <nlohmann/json.hpp>
#include <optional>

#include "firebreak/app/inbound.hpp"
#include "firebreak/chat/form.hpp"

namespace firebreak::slack {

/// A modal's callback_id is this prefix and its form's id.
inline constexpr std::string_view kFormCallbackPrefix = "firebreak_";
inline constexpr std::string_view kDeclareCallback = "firebreak_declare";
inline constexpr std::string_view kUpdateCallback = "firebreak_update";
inline constexpr std::string_view kHandoverCallback = "firebreak_handover";

/// The modal for `form` (each field an input block whose block_id is the field id); the
/// form's id and context travel in private_metadata.
nlohmann::json render_modal(const chat::Form& form);

/// The submission a view_submission's `view` carries: each block's value by block_id (a
/// typed text, a chosen option's value, "true" for a ticked checkbox, a user id, a
/// date-time as "YYYY-MM-DDTHH:MM:SSZ"), with the form id and context from
/// private_metadata. nullopt for a view firebreak did not open.
std::optional<app::FormSubmission> read_submission(const nlohmann::json& view);

/// `response_action: errors` for a modal, keyed by block_id (Slack shows each under its
/// field).
nlohmann::json field_errors(const chat::FieldErrors& errors);

}  // namespace firebreak::slack
