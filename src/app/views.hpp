#pragma once
// Every message the service shows people, in one place.

#include <cstddef>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "firebreak/app/incident_service.hpp"
#include "firebreak/app/stats.hpp"
#include "firebreak/chat/message.hpp"
#include "firebreak/command/parser.hpp"
#include "firebreak/core/policy.hpp"
#include "firebreak/core/publishing.hpp"
#include "firebreak/core/rules.hpp"
#include "firebreak/core/time_zone.hpp"
#include "firebreak/core/timeline.hpp"

namespace firebreak::app::views {

/// The incident at a glance, with a Claim button for every role nobody holds. This is
/// the declared message and the pinned summary.
/// With the incident's public face (nullptr: none yet): the components it hits and its
/// public status, and a "Publish to status page" button while it can be published.
chat::Message summary(const core::Incident& incident, const core::Policy& policy,
                      core::Timestamp now, const core::PublicFace* face = nullptr);

/// "IC", "TL", "Comms": a role's name on a button.
std::string short_role_name(core::Role role);

/// The conversation topic: severity · status · IC.
std::string topic(const core::Incident& incident, const core::Policy& policy);

/// Values for every template placeholder (core::kTemplatePlaceholders) from an incident;
/// `text` fills {text}.
std::map<std::string, std::string> template_values(const core::Incident& incident,
                                                   const ServiceSettings& settings,
                                                   const std::string& text = {});

/// How a message names the incident's conversation: the reference `<#conversation>`
/// (platforms show its real name) once it exists, "creating the channel…" until then.
std::string channel_reference(const core::Incident& incident);

/// The announcement of a new incident: the `declared` template, naming its conversation.
chat::Message announcement(const core::Incident& incident, const ServiceSettings& settings);

/// The `declared` template filled for `incident` except for {channel}: the pieces of text
/// between the places that name the conversation, which exists only after the declare.
std::vector<std::string> announcement_parts(const core::Incident& incident,
                                            const ServiceSettings& settings);
/// The announcement from announcement_parts(), naming the incident's conversation between
/// the parts.
chat::Message announcement(const core::Incident& incident, const std::vector<std::string>& parts);

/// The private confirmation to the person who declared. Sent before the conversation
/// exists, so it names none: it says the conversation is being created and that the
/// declarer will be invited.
chat::Message declared_confirmation(const core::Incident& incident, const core::Change& change,
                                    const core::Policy& policy);

/// Who is told that the incident's conversation could not be created.
enum class Audience {
    declarer,  ///< privately, where they declared
    announce,  ///< the announce conversation
};
/// The incident's conversation could not be created, and `error` says why.
chat::Message conversation_not_created(const core::Incident& incident, const std::string& error,
                                       Audience audience);

/// What a committed change did, for everyone in the incident's conversation: the
/// `update`, `no_change` or `resolved` template for those commands, else what happened.
chat::Message change(const core::Change& change, const core::Command& command,
                     const ServiceSettings& settings);

chat::Message refusal(const std::string& reason);
chat::Message usage(const command::UsageError& error);
chat::Message no_incident_here();
chat::Message no_forms();
/// A message the outbox could not deliver, said in the incident's conversation.
chat::Message delivery_failed(const std::string& kind, const std::string& conversation,
                              const std::string& error);

/// Timeline entries per page at most; a page also ends before its text passes
/// kTimelinePageChars, so it fits one Slack section (3000 characters) with room to spare.
inline constexpr int kTimelinePageEntries = 20;
inline constexpr std::size_t kTimelinePageChars = 2800;
/// An entry's text is cut to this many characters, with "…".
inline constexpr std::size_t kTimelineEntryChars = 300;

/// One page of the timeline, oldest entry first: "time  <@who>  what" per entry, times in
/// `zone`. Page 1 holds the earliest entries; nullopt (or a page past the end) shows the
/// last page. The footer says "Page p of n"; Older/Newer buttons run "timeline p∓1".
chat::Message timeline(const core::Incident& incident,
                       const std::vector<core::TimelineEvent>& events, std::optional<int> page,
                       const core::TimeZone& zone);
/// `/incident stats`: counts, response times, cadence, repeats and action items; the
/// footer says how many drills and canceled incidents were left out.
chat::Message stats(const StatsReport& report, const core::Policy& policy);
/// Live incidents; `hidden` private ones are counted, not named.
/// The live incidents, one line each, led by their conversation (channel_reference()); an
/// incident run on another platform than `viewer_platform` ("" = every one's own) is led
/// by its name and where it runs ("inc-… (on Teams)"), as a reference would mean nothing.
chat::Message incident_list(const std::vector<core::Incident>& incidents, int hidden,
                            const core::Policy& policy, std::string_view viewer_platform = "");
chat::Message help();
/// The incident's action items, one line each, overdue ones marked as of `today`; a
/// "Done #n" button per open item.
chat::Message action_items(const core::Incident& incident,
                           const std::vector<core::ActionItem>& items, core::Date today);
/// A long message as several, each at most kMaxPartBytes of text, cut at line ends; the
/// parts after the first say they continue it.
inline constexpr std::size_t kMaxPartBytes = 12000;
std::vector<chat::Message> in_parts(const chat::Message& message);
chat::Message postmortem(const core::Incident& incident, const core::Policy& policy,
                         const std::vector<core::TimelineEvent>& events,
                         const std::vector<core::Decision>& decisions,
                         const std::vector<core::ActionItem>& action_items);
/// What goes with a postmortem draft posted as a file (it is too long for one message):
/// short, naming the incident and how many timeline entries the draft holds.
chat::Message postmortem_document(const core::Incident& incident, std::size_t entries);
/// The private answer to `/incident postmortem` when the draft goes as a file: now, or
/// (`already`) because an earlier run's file has not been posted yet.
chat::Message postmortem_on_its_way(bool already);

/// The nudge when a stakeholder update is due: the `update_due` template, with Post
/// update, No change and Snooze buttons.
chat::Message update_due(const core::Incident& incident, const ServiceSettings& settings,
                         core::Timestamp due_at);
/// Still no update overdue_escalate_after past due: the IC is told as well.
chat::Message update_overdue(const core::Incident& incident, const ServiceSettings& settings,
                             core::Timestamp due_at);
/// Required roles still unfilled, with Claim buttons and pickers for them.
chat::Message roles_unassigned(const core::Incident& incident, const core::Policy& policy,
                               const std::vector<core::Role>& missing);
/// The same person has held `role` for `held_for`: suggest a handover.
chat::Message handover_due(const core::Incident& incident, const core::Policy& policy,
                           core::Role role, core::Duration held_for);
/// The watch period after mitigation is over: Resolve / Not yet.
chat::Message watch_ended(const core::Incident& incident, core::Duration stable_for);
/// The review is due by `due`; `last_day` when that is today and none has started.
chat::Message review_due(const core::Incident& incident, core::Date due, bool last_day);
chat::Message action_item_due(const core::Incident& incident, const core::ActionItem& item);

// The public status page (views_status_page.cpp).
/// Adds the public face's fields and the publish button to a summary card.
void add_public_face(chat::Message& summary, const core::Incident& incident,
                     const core::Policy& policy, const core::PublicFace* face);
/// Values for the external_* templates: only what may be public (kExternalPlaceholders).
std::map<std::string, std::string> external_template_values(const core::Incident& incident,
                                                            const core::PublicFace* face,
                                                            core::PublicStatus status,
                                                            const ServiceSettings& settings,
                                                            core::Timestamp now);
/// The external_* template for `status`.
const std::string& external_template(core::PublicStatus status, const ServiceSettings& settings);
/// "No change: we are still investigating. Next update at …": a complete public update.
std::string public_no_change_text(core::PublicStatus status, const core::Incident& incident,
                                  const ServiceSettings& settings, core::Timestamp now);
/// The private preview of a draft: exactly what customers would read, with Publish, Edit
/// and Cancel buttons.
chat::Message publish_preview(const core::PublishDraft& draft, const std::string& public_title,
                              const core::PublicFace* face, const ServiceSettings& settings);
/// What a publishing command did, for the incident's conversation.
chat::Message public_change(const core::PublicChange& change, const ServiceSettings& settings);
chat::Message draft_discarded();
/// The edit button on a platform without forms: the draft's text, to retype.
chat::Message edit_without_forms(const core::PublishDraft& draft);
/// The nudge when the next public update is due: Publish "No change", Publish update,
/// Snooze.
chat::Message public_update_due(const core::Incident& incident, const core::PublicFace& face,
                                const ServiceSettings& settings);
/// After resolve: customers still see the incident unresolved; asks for the resolved
/// update.
chat::Message public_resolve_missing(const core::PublicFace& face);
/// Where customers read the incident ("https://status.example.com/status/incidents/ab12"),
/// or "" when no public URL is configured.
std::string public_link(const ServiceSettings& settings, const core::PublicFace& face);

}  // namespace firebreak::app::views
