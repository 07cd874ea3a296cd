#pragma once
// The rules of customer communication: publishing to the status page, its preview, the
// components an incident hits, its public title and the external update cadence. Pure
// functions of (state, command, now), like rules.hpp.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "firebreak/core/command.hpp"
#include "firebreak/core/rules.hpp"
#include "firebreak/core/status_page.hpp"

namespace firebreak::core {

/// What the publishing rules need to know about one incident.
struct PublicState {
    Incident incident;
    std::optional<PublicFace> face;     ///< nullopt until the first public change
    std::optional<PublishDraft> draft;  ///< the draft a Confirm/Cancel names, if it exists
    std::string new_public_id;          ///< the id a face made now gets (the app draws it)
};

/// What a publishing command changed; the caller persists all of it in one transaction.
struct PublicChange {
    PublicFace face;
    bool face_changed = false;           ///< the page must be rebuilt
    std::optional<PublicUpdate> update;  ///< published now
    std::optional<PublishDraft> draft;   ///< a new draft (id 0), or one now closed
    std::vector<TimelineEvent> events;
};

using PublicOutcome = std::variant<Refusal, PublicChange>;

/// True for the commands apply_public() handles.
bool is_public_command(const Command& command);

/// The public status a `publish` with none named takes: the current one while the
/// incident is on the page and not resolved, else investigating.
PublicStatus default_public_status(const std::optional<PublicFace>& face);

/// Applies a publishing command. Refused when the status page is off, for private
/// incidents and drills (never published), for someone `permissions.may_publish` does not
/// cover (may_snooze for SnoozePublic), for a canceled incident, for unknown components,
/// and for a draft that is not this incident's or is no longer open. A Publish that is not
/// `confirmed` only makes a draft: nothing is public until ConfirmPublish. Publish's text
/// must already be filled (the app fills the template). PublishNoChange and EditPublish
/// are the app's (they become a Publish and a form) and are refused here.
PublicOutcome apply_public(const PublicState& state, const Command& command, const Context& ctx);

/// The reason `incident` can never be published, if there is one.
std::optional<std::string> never_published(const Incident& incident, const Policy& policy);

}  // namespace firebreak::core
