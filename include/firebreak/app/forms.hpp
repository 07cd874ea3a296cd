#pragma once
// The forms firebreak opens (declare, post an update, hand over a role), what their
// submissions mean, and which commands open them instead of running. Every platform
// renders the same chat::Form; the validation lives here once.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "firebreak/chat/form.hpp"
#include "firebreak/core/command.hpp"
#include "firebreak/core/incident.hpp"
#include "firebreak/core/policy.hpp"

namespace firebreak::app::forms {

inline constexpr std::string_view kDeclare = "declare";
inline constexpr std::string_view kUpdate = "update";
inline constexpr std::string_view kHandover = "handover";
inline constexpr std::string_view kPublish = "publish";
inline constexpr std::string_view kResolve = "resolve";

/// Where a form was opened: the conversation its submission acts in.
inline constexpr const char* kConversation = "conversation";

/// The declare form: title, severity (each with its description), and the playbook's
/// triage questions: what is broken, who is affected, since when (the impact start, which
/// MTTM and MTTR count from), what changed recently; and private.
chat::Form declare_form(const core::Policy& policy, const std::string& conversation);

/// A declare from the form's values, or the fields to correct. An impact start later than
/// `now` is refused.
std::variant<core::cmd::Declare, chat::FieldErrors> read_declare(const chat::FieldValues& values,
                                                                 const core::Policy& policy,
                                                                 core::Timestamp now);

/// The update form, from the `update` template's parts: status, what we know, what we are
/// doing, impact improving/stable/worsening.
chat::Form update_form(const core::Incident& incident, const std::string& conversation);

struct UpdateSubmission {
    std::optional<core::Status> status;  ///< set when the form changes it
    std::string text;                    ///< the update, composed from the fields
};

/// The update from the form's values, or the fields to correct. The status counts as
/// changed only when it differs from the one the form was opened with.
std::variant<UpdateSubmission, chat::FieldErrors> read_update(
    const std::map<std::string, std::string>& context, const chat::FieldValues& values);

/// The handover form for `role`: the new holder and a current-state summary (it goes into
/// the timeline). `role_name` is how the admins call the role.
chat::Form handover_form(core::Role role, const std::string& role_name,
                         const std::string& conversation);

/// The handover from the form's values, or the fields to correct.
std::variant<core::cmd::Handover, chat::FieldErrors> read_handover(
    const std::map<std::string, std::string>& context, const chat::FieldValues& values);

/// The status page draft's Edit form: public status and the text, prefilled from the
/// draft; submitting it publishes.
chat::Form publish_form(const core::PublishDraft& draft, const std::string& conversation);

/// The publish from the form's values (confirmed, closing the draft), or the fields to
/// correct.
std::variant<core::cmd::Publish, chat::FieldErrors> read_publish(
    const std::map<std::string, std::string>& context, const chat::FieldValues& values);

/// The resolution criteria as checkboxes, one per criterion in `criteria`; the watch
/// period's is ticked already when `watch_completed`. `text` is the resolve note typed with
/// the command; it comes back with the submission.
chat::Form resolve_form(const std::vector<std::string>& criteria, bool watch_completed,
                        const std::string& text, const std::string& conversation);

/// The resolve from the form's values: the note, and the criteria ticked.
core::cmd::Resolve read_resolve(const std::map<std::string, std::string>& context,
                                const chat::FieldValues& values,
                                const std::vector<std::string>& criteria);

/// Which form a command other than a declare opens instead of running: `update` alone,
/// `handover <role>` alone and `resolve [text]` without --force, where the conversation
/// has a live incident, and the status page preview's `publish edit <n>`. (A declare with
/// no title is the grammar's DeclareForm.)
enum class FormRequest { none, update, handover, resolve, publish_edit };
struct FormFor {
    FormRequest request = FormRequest::none;
    core::Role role = core::Role::ic;  ///< for handover
    std::int64_t draft = 0;            ///< for publish_edit
    std::string text;                  ///< for resolve: the resolve note typed with it
};
FormFor form_requested(std::string_view command_text);

/// Parses "YYYY-MM-DDTHH:MM:SSZ" (the datetime field's value) and the console's
/// "YYYY-MM-DD HH:MM" (UTC); nullopt otherwise.
std::optional<core::Timestamp> parse_moment(std::string_view text);

}  // namespace firebreak::app::forms
