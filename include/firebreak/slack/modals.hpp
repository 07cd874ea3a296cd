#pragma once
// The declare and update forms (Slack modals) and what their submissions mean.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "firebreak/core/command.hpp"
#include "firebreak/core/incident.hpp"
#include "firebreak/core/policy.hpp"

namespace firebreak::slack {

inline constexpr std::string_view kDeclareCallback = "firebreak_declare";
inline constexpr std::string_view kUpdateCallback = "firebreak_update";
inline constexpr std::string_view kHandoverCallback = "firebreak_handover";

/// Field errors for `response_action: errors`, keyed by block_id.
using FieldErrors = std::map<std::string, std::string>;

/// The declare form: title, severity (each with its description), what is broken, who is
/// affected, private. `channel` (where /incident was typed) travels in private_metadata.
nlohmann::json declare_modal(const core::Policy& policy, const std::string& channel);

/// A declare from the form's view.state.values, or the fields to correct.
std::variant<core::cmd::Declare, FieldErrors> read_declare(const nlohmann::json& view,
                                                           const core::Policy& policy);

/// The update form, from the `update` template's parts: status, what we know, what we are
/// doing, impact improving/stable/worsening. `channel` travels in private_metadata.
nlohmann::json update_modal(const core::Incident& incident, const std::string& channel);

struct UpdateSubmission {
    std::optional<core::Status> status;  ///< set when the form changes it
    std::string text;                    ///< the update, composed from the fields
};

/// The update from the form's values, or the fields to correct. The status counts as
/// changed only when it differs from the one the form was opened with.
std::variant<UpdateSubmission, FieldErrors> read_update(const nlohmann::json& view);

/// The handover form for `role`: the new holder and a current-state summary (it goes into
/// the timeline). `role_name` is how the admins call the role.
nlohmann::json handover_modal(core::Role role, const std::string& role_name,
                              const std::string& channel);

/// The handover from the form's values, or the fields to correct.
std::variant<core::cmd::Handover, FieldErrors> read_handover(const nlohmann::json& view);

/// The role a command that opens the handover form names ("handover ic"), if it is one.
std::optional<core::Role> handover_form_role(std::string_view command_text);

/// The conversation a form was opened from (its private_metadata).
std::string form_channel(const nlohmann::json& view);

}  // namespace firebreak::slack
