#pragma once
// The messages of the rest of the playbook: the summary card with its bridge and
// workstreams, the live checklist, help requests, and stakeholder messages.

#include <string>
#include <vector>

#include "firebreak/app/incident_service.hpp"
#include "firebreak/chat/message.hpp"
#include "firebreak/core/playbook.hpp"
#include "firebreak/core/policy.hpp"
#include "firebreak/core/rules.hpp"

namespace firebreak::app::views {

/// The pinned summary (views::summary, with the incident's public face when it has one)
/// with the video bridge and every workstream with its owner and state.
chat::Message summary_card(const core::Incident& incident,
                           const std::vector<core::Workstream>& workstreams,
                           const core::Policy& policy, core::Timestamp now,
                           const core::PublicFace* face = nullptr);

/// "mitigation — @bob, active: fail over"; one line per workstream.
std::string workstream_lines(const std::vector<core::Workstream>& workstreams);

/// The pinned checklist: the items that apply to the incident's severity, by phase, each
/// ticked or not; a button ("check <id>") for every unticked item nothing can observe.
chat::Message checklist(const core::Incident& incident, const core::Policy& policy,
                        const std::vector<core::ChecklistTick>& ticks);

/// The guides' "Need support" message for the escalation channel: what we need, why,
/// urgency (the severity), owner (the TL, else the IC), where to join, and a Join button
/// ("join <incident>"); a private incident has no Join button.
chat::Message help_request(const core::Incident& incident, const core::HelpRequest& request,
                           const core::UserId& asker, const core::Policy& policy);

/// The private answer to a Join: you are being added to the incident's conversation.
chat::Message joining(const core::Incident& incident);

/// The guides' internal "Incident declared" message for stakeholders: what, impact, since
/// when, severity, current action, next update, roles.
chat::Message stakeholder_declared(const core::Incident& incident, const ServiceSettings& settings);

/// The guides' internal update: "Update #n — time: status", what we know and are doing
/// (the update's text), and the next update.
chat::Message stakeholder_update(const core::Incident& incident, const core::StatusUpdate& update,
                                 int number);

/// The message that closes a stakeholder thread: resolved, how long, the review date.
chat::Message stakeholder_resolved(const core::Incident& incident, const ServiceSettings& settings,
                                   const std::string& text);

}  // namespace firebreak::app::views
