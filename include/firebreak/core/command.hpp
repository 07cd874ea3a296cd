#pragma once
// Platform-neutral commands: what the grammar produces and the rules consume.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "firebreak/core/incident.hpp"
#include "firebreak/core/role.hpp"
#include "firebreak/core/status.hpp"
#include "firebreak/core/status_page.hpp"
#include "firebreak/core/time.hpp"

namespace firebreak::core::cmd {

struct Declare {
    std::string title;
    std::optional<std::string> severity;  ///< nullopt: the configured default
    bool is_private = false;
    bool is_drill = false;
    Impact impact;
    std::string service;
};
struct DeclareForm {};  ///< `declare` with no title: the platform shows a form
struct SetSeverity {
    std::string severity;
};
struct AssignRole {
    Role role = Role::ic;
    UserId user;  ///< already resolved: `me` is the caller
};
struct SetStatus {
    Status status = Status::investigating;
};
struct PostUpdate {
    std::string text;
};
struct NoChange {};
struct Note {
    std::string text;
};
struct ProposeDecision {
    std::string text;
    Reversibility reversibility = Reversibility::unstated;
};
struct AcknowledgeDecision {
    int number = 0;
};
struct Mitigated {
    std::string text;
};
struct Resolve {
    std::string text;
    /// `resolve --force`: resolved without going through the resolution criteria.
    bool force = false;
    /// The resolution criteria confirmed on the form; nullopt when no form was shown.
    std::optional<std::vector<std::string>> confirmed = std::nullopt;
};
struct Reopen {
    std::string reason;
};
struct Close {};  ///< the review is done: a resolved incident becomes closed
struct Cancel {
    std::string reason;
};
struct Handover {
    Role role = Role::ic;
    UserId to;
    std::string summary;
};
struct AddActionItem {
    std::string text;
    UserId owner;
    Date due{};
    Priority priority = Priority::p2;
    std::string verify;
};
// Changes to an existing action item, named by its number in the incident.
struct CompleteActionItem {  ///< `done <n>`
    int number = 0;
};
struct DropActionItem {  ///< `notdoing <n> [reason]`
    int number = 0;
    std::string reason;
};
struct ReassignActionItem {
    int number = 0;
    UserId owner;  ///< already resolved: `me` is the caller
};
struct RescheduleActionItem {  ///< `due <n> <date>`
    int number = 0;
    Date due{};
};
// The review's raw material, recorded during or after the incident.
struct RecordImpact {  ///< who or what was hurt, with numbers
    std::string text;
};
struct RecordRootCause {
    std::string text;
};
struct RecordFactor {  ///< a contributing factor
    std::string text;
};
struct RecordWentWell {
    std::string text;
};
struct RecordWentBadly {
    std::string text;
};
/// "Not yet": a monitored incident is not ready to resolve; the watch period starts again.
struct KeepWatching {};
struct Snooze {
    std::optional<Duration> by;  ///< nullopt: the default snooze
};
// The rest of the playbook (playbook.hpp, rules_playbook.cpp).
struct SetBridge {  ///< `bridge <url>`
    std::string url;
};
struct StartWorkstream {  ///< `workstream <name> @owner [what]`; a new owner takes it over
    std::string name;
    UserId owner;
    std::string what;
};
struct UpdateWorkstream {  ///< `workstream <name> done|blocked [text]`
    std::string name;
    WorkstreamState state = WorkstreamState::done;
    std::string text;
};
struct TickChecklist {  ///< `check <item>`: tick a checklist item by hand
    std::string item;
};
struct Escalate {  ///< `escalate <area> <why>`: the guides' "Need support" request
    std::string area;
    std::string why;
};
/// The Join button of a help request: brings whoever clicks it into the incident named
/// (the button is pressed in the escalation channel, not the incident's).
struct JoinIncident {
    std::string incident;
};
struct ShowChecklist {};
struct ShowTimeline {
    std::optional<int> page;  ///< 1 is the earliest entries; nullopt: the last page
};
struct ShowSummary {};
struct ShowPostmortem {};
struct ListActionItems {};
struct ListIncidents {};
struct ShowHelp {};
/// Incident metrics over the incidents declared in the last `since`.
struct ShowStats {
    Duration since = std::chrono::days{30};
    std::optional<std::string> severity;  ///< "sev2"; nullopt: every severity
};

// The public status page (status_page.hpp).
/// `publish [status] [text]`: a customer-facing update. Typed, it becomes a draft shown as
/// a preview; `confirmed` (the edit form's submission) publishes at once.
struct Publish {
    std::optional<PublicStatus> status;  ///< nullopt: the incident's current public status
    std::string text;                    ///< "" : the status's external template
    bool confirmed = false;
    std::int64_t replaces_draft = 0;  ///< the edit form's draft, closed by this publish
};
struct ConfirmPublish {  ///< the preview's Publish button
    std::int64_t draft = 0;
};
struct CancelPublish {  ///< the preview's Cancel button
    std::int64_t draft = 0;
};
struct EditPublish {  ///< the preview's Edit button: the form with the draft's text
    std::int64_t draft = 0;
};
struct PublishNoChange {};  ///< "No change" published at once (the reminder's button)
struct SnoozePublic {       ///< postpone the external update reminder
    std::optional<Duration> by;
};
struct SetPublicTitle {
    std::string title;
};
struct Affects {  ///< which components the incident hits; empty: none
    std::vector<Affected> affects;
};

}  // namespace firebreak::core::cmd

namespace firebreak::core {

using Command = std::variant<
    cmd::Declare, cmd::DeclareForm, cmd::SetSeverity, cmd::AssignRole, cmd::SetStatus,
    cmd::PostUpdate, cmd::NoChange, cmd::Note, cmd::ProposeDecision, cmd::AcknowledgeDecision,
    cmd::Mitigated, cmd::Resolve, cmd::Reopen, cmd::Close, cmd::Cancel, cmd::Handover,
    cmd::AddActionItem, cmd::CompleteActionItem, cmd::DropActionItem, cmd::ReassignActionItem,
    cmd::RescheduleActionItem, cmd::RecordImpact, cmd::RecordRootCause, cmd::RecordFactor,
    cmd::RecordWentWell, cmd::RecordWentBadly, cmd::Snooze, cmd::ShowTimeline, cmd::ShowSummary,
    cmd::ShowPostmortem, cmd::ListActionItems, cmd::ListIncidents, cmd::ShowHelp, cmd::ShowStats,
    cmd::KeepWatching, cmd::Publish, cmd::ConfirmPublish, cmd::CancelPublish, cmd::EditPublish,
    cmd::PublishNoChange, cmd::SnoozePublic, cmd::SetPublicTitle, cmd::Affects, cmd::SetBridge,
    cmd::StartWorkstream, cmd::UpdateWorkstream, cmd::TickChecklist, cmd::Escalate,
    cmd::JoinIncident, cmd::ShowChecklist>;

}  // namespace firebreak::core
