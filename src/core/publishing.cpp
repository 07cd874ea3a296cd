// The rules of customer communication (publishing.hpp).
#include "firebreak/core/publishing.hpp"

#include <algorithm>

#include "firebreak/core/clip.hpp"
#include "rules_internal.hpp"

namespace firebreak::core {
namespace {

const StatusPageComponent* find_component(const Policy& policy, std::string_view id) {
    for (const auto& c : policy.components)
        if (c.id == id) return &c;
    return nullptr;
}

void record(PublicChange& change, const Context& ctx, EventKind kind, std::string text,
            std::string after = {}) {
    change.events.push_back(TimelineEvent{.id = 0,
                                          .incident_id = change.face.incident_id,
                                          .at = ctx.now,
                                          .actor = ctx.actor,
                                          .kind = kind,
                                          .text = std::move(text),
                                          .before = "",
                                          .after = std::move(after)});
}

/// A change starting from the current face, or from a new one.
PublicChange start(const PublicState& state, const Context& ctx) {
    PublicChange change;
    if (state.face) {
        change.face = *state.face;
    } else {
        change.face.incident_id = state.incident.id;
        change.face.public_id = state.new_public_id;
        change.face.created_at = ctx.now;
        change.face.updated_at = ctx.now;
    }
    return change;
}

std::optional<Refusal> refuse_text(const std::string& text) {
    if (text.empty()) return Refusal{"A status page update needs text."};
    if (std::size_t n = char_count(text); n > kMaxPublicUpdateChars)
        return Refusal{"A status page update is at most " + std::to_string(kMaxPublicUpdateChars) +
                       " characters (this one has " + std::to_string(n) + ")."};
    return std::nullopt;
}

/// Publishing `status` with `text` now: the face moves, the update is kept, the external
/// cadence restarts (and stops at resolved).
PublicChange publish(const PublicState& state, PublicStatus status, const std::string& text,
                     const Context& ctx) {
    PublicChange change = start(state, ctx);
    PublicFace& face = change.face;
    std::optional<Timestamp> was_due = face.next_update_due;
    face.status = status;
    face.updated_at = ctx.now;
    if (status == PublicStatus::monitoring && !face.monitoring_at) face.monitoring_at = ctx.now;
    if (status == PublicStatus::resolved) {
        face.resolved_at = ctx.now;
        face.next_update_due.reset();
    } else {
        face.resolved_at.reset();
        const SeverityLevel* level = ctx.policy->find_severity(state.incident.severity);
        face.next_update_due.reset();
        if (level && level->external_update_every)
            face.next_update_due = ctx.now + *level->external_update_every;
    }
    change.face_changed = true;
    change.update = PublicUpdate{.id = 0,
                                 .incident_id = state.incident.id,
                                 .status = status,
                                 .body = text,
                                 .author = ctx.actor,
                                 .posted_at = ctx.now,
                                 .due_at = was_due};
    record(change, ctx, EventKind::published,
           "Published to the status page (" + std::string(to_string(status)) + "): " + text,
           std::string(to_string(status)));
    return change;
}

std::optional<Refusal> refuse_draft(const PublicState& state, std::int64_t number) {
    const auto& d = state.draft;
    if (!d || d->id != number || d->incident_id != state.incident.id)
        return Refusal{"There is no status page draft #" + std::to_string(number) +
                       " for this incident; run /incident publish again."};
    if (!d->open) return Refusal{"That status page draft was already published or canceled."};
    return std::nullopt;
}

std::optional<Refusal> refuse_resolved_page(const PublicState& state) {
    if (state.face && state.face->status == PublicStatus::resolved &&
        !is_live(state.incident.status))
        return Refusal{
            "This incident is already resolved on the status page; reopen it to publish "
            "again."};
    return std::nullopt;
}

std::string affects_words(const std::vector<Affected>& affects, const Policy& policy) {
    if (affects.empty()) return "none";
    std::string out;
    for (const auto& a : affects) {
        const StatusPageComponent* c = find_component(policy, a.component);
        out += (out.empty() ? "" : ", ") + (c ? c->name : a.component) + " " +
               std::string(to_string(a.impact));
    }
    return out;
}

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

bool is_public_command(const Command& c) {
    return std::holds_alternative<cmd::Publish>(c) ||
           std::holds_alternative<cmd::ConfirmPublish>(c) ||
           std::holds_alternative<cmd::CancelPublish>(c) ||
           std::holds_alternative<cmd::EditPublish>(c) ||
           std::holds_alternative<cmd::PublishNoChange>(c) ||
           std::holds_alternative<cmd::SnoozePublic>(c) ||
           std::holds_alternative<cmd::SetPublicTitle>(c) ||
           std::holds_alternative<cmd::Affects>(c);
}

PublicStatus default_public_status(const std::optional<PublicFace>& face) {
    if (face && face->status && *face->status != PublicStatus::resolved) return *face->status;
    return PublicStatus::investigating;
}

std::optional<std::string> never_published(const Incident& incident, const Policy& policy) {
    if (!policy.status_page)
        return "The status page is off: an admin turns it on with status_page.enabled.";
    if (incident.is_private)
        return "This is a private incident: private incidents are never published on the status "
               "page.";
    if (incident.is_drill) return "This is a drill: drills are never published on the status page.";
    return std::nullopt;
}

PublicOutcome apply_public(const PublicState& state, const Command& command, const Context& ctx) {
    const Policy& policy = *ctx.policy;
    const Incident& inc = state.incident;
    if (!is_public_command(command))
        return Refusal{"That command does not change the status page."};
    if (auto why = never_published(inc, policy)) return Refusal{*why};
    const bool snooze = std::holds_alternative<cmd::SnoozePublic>(command);
    if (auto r = detail::require_permission(
            snooze ? policy.permissions.may_snooze : policy.permissions.may_publish,
            snooze ? "snooze the status page reminder" : "publish to the status page", inc, ctx))
        return *r;
    if (inc.status == Status::canceled)
        return Refusal{"The incident was canceled: there is nothing to tell customers."};

    return std::visit(
        Overloaded{
            [&](const cmd::Publish& c) -> PublicOutcome {
                if (auto r = refuse_text(c.text)) return *r;
                if (auto r = refuse_resolved_page(state)) return *r;
                PublicStatus status = c.status.value_or(default_public_status(state.face));
                if (c.confirmed && c.replaces_draft != 0) {
                    if (auto r = refuse_draft(state, c.replaces_draft)) return *r;
                    PublicChange change = publish(state, status, c.text, ctx);
                    change.draft = *state.draft;
                    change.draft->open = false;
                    return change;
                }
                if (c.confirmed) return publish(state, status, c.text, ctx);
                PublicChange change = start(state, ctx);
                change.draft = PublishDraft{.id = 0,
                                            .incident_id = inc.id,
                                            .status = status,
                                            .body = c.text,
                                            .author = ctx.actor,
                                            .created_at = ctx.now,
                                            .open = true};
                return change;
            },
            [&](const cmd::ConfirmPublish& c) -> PublicOutcome {
                if (auto r = refuse_draft(state, c.draft)) return *r;
                if (auto r = refuse_resolved_page(state)) return *r;
                PublicChange change = publish(state, state.draft->status, state.draft->body, ctx);
                change.draft = *state.draft;
                change.draft->open = false;
                return change;
            },
            [&](const cmd::CancelPublish& c) -> PublicOutcome {
                if (auto r = refuse_draft(state, c.draft)) return *r;
                PublicChange change = start(state, ctx);
                change.draft = *state.draft;
                change.draft->open = false;
                return change;
            },
            [&](const cmd::Affects& c) -> PublicOutcome {
                std::vector<std::string> seen;
                for (const auto& a : c.affects) {
                    if (!find_component(policy, a.component)) {
                        std::string known;
                        for (const auto& comp : policy.components)
                            known += (known.empty() ? "" : ", ") + comp.id;
                        return Refusal{"Unknown component '" + a.component + "'. " +
                                       (known.empty() ? std::string("No components are configured.")
                                                      : "The components are: " + known + ".")};
                    }
                    if (std::find(seen.begin(), seen.end(), a.component) != seen.end())
                        return Refusal{"The component '" + a.component + "' is named twice."};
                    seen.push_back(a.component);
                }
                PublicChange change = start(state, ctx);
                change.face.affects = c.affects;
                change.face.updated_at = ctx.now;
                change.face_changed = true;
                record(
                    change, ctx, EventKind::status_page_changed,
                    "Status page components affected: " + affects_words(c.affects, policy) + ".");
                return change;
            },
            [&](const cmd::SetPublicTitle& c) -> PublicOutcome {
                if (c.title.empty()) return Refusal{"The public title needs text."};
                if (std::size_t n = char_count(c.title); n > kMaxTitleChars)
                    return Refusal{"A public title is at most " + std::to_string(kMaxTitleChars) +
                                   " characters (this one has " + std::to_string(n) + ")."};
                PublicChange change = start(state, ctx);
                change.face.title = c.title;
                change.face.updated_at = ctx.now;
                change.face_changed = true;
                record(change, ctx, EventKind::status_page_changed,
                       "Status page title set to: " + c.title);
                return change;
            },
            [&](const cmd::SnoozePublic& c) -> PublicOutcome {
                if (!state.face || !state.face->next_update_due)
                    return Refusal{"There is no status page reminder to snooze."};
                Duration by = c.by.value_or(kDefaultSnooze);
                if (by > kLongestSnooze)
                    return Refusal{"Snooze for at most " + format_duration(kLongestSnooze) +
                                   ": customers still need to hear from us."};
                PublicChange change = start(state, ctx);
                Timestamp due = *state.face->next_update_due;
                change.face.next_update_due =
                    std::min(std::max(due, ctx.now) + by, ctx.now + kLongestSnooze);
                change.face_changed = true;
                record(change, ctx, EventKind::status_page_changed,
                       "Status page update reminder snoozed; next public update due at " +
                           format_clock(*change.face.next_update_due) + ".");
                return change;
            },
            [&](const auto&) -> PublicOutcome {
                return Refusal{"That command is handled before the rules."};
            },
        },
        command);
}

}  // namespace firebreak::core
