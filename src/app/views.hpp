#pragma once
// Every message the service shows people, in one place.

#include <map>
#include <vector>

#include "firebreak/app/incident_service.hpp"
#include "firebreak/chat/message.hpp"
#include "firebreak/command/parser.hpp"
#include "firebreak/core/policy.hpp"
#include "firebreak/core/rules.hpp"
#include "firebreak/core/timeline.hpp"

namespace firebreak::app::views {

/// The incident at a glance, with a Claim button for every role nobody holds. This is
/// the declared message and the pinned summary.
chat::Message summary(const core::Incident& incident, const core::Policy& policy,
                      core::Timestamp now);

/// Values for every template placeholder (core::kTemplatePlaceholders) from an incident;
/// `text` fills {text}.
std::map<std::string, std::string> template_values(const core::Incident& incident,
                                                   const ServiceSettings& settings,
                                                   const std::string& text = {});

/// The announcement of a new incident: the `declared` template.
chat::Message announcement(const core::Incident& incident, const ServiceSettings& settings);

/// The private confirmation to the person who declared.
chat::Message declared_confirmation(const core::Incident& incident, const core::Change& change,
                                    const core::Policy& policy);

/// What a committed change did, for everyone in the incident's conversation: the
/// `update`, `no_change` or `resolved` template for those commands, else what happened.
chat::Message change(const core::Change& change, const core::Command& command,
                     const ServiceSettings& settings);

chat::Message refusal(const std::string& reason);
chat::Message usage(const command::UsageError& error);
chat::Message no_incident_here();
chat::Message no_forms();

chat::Message timeline(const core::Incident& incident,
                       const std::vector<core::TimelineEvent>& events);
/// Live incidents; `hidden` private ones are counted, not named.
chat::Message incident_list(const std::vector<core::Incident>& incidents, int hidden,
                            const core::Policy& policy);
chat::Message help();
/// The incident's action items, one line each, overdue ones marked as of `today`; a
/// "Done #n" button per open item.
chat::Message action_items(const core::Incident& incident,
                           const std::vector<core::ActionItem>& items, core::Date today);
chat::Message postmortem(const core::Incident& incident, const core::Policy& policy,
                         const std::vector<core::TimelineEvent>& events,
                         const std::vector<core::Decision>& decisions,
                         const std::vector<core::ActionItem>& action_items);

/// The nudge when a stakeholder update is due: the `update_due` template.
chat::Message update_due(const core::Incident& incident, const ServiceSettings& settings,
                         core::Timestamp due_at);

}  // namespace firebreak::app::views
