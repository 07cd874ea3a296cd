// IncidentService: the status page's commands. The rules are core's (publishing.hpp);
// here the templates are filled, the results written in the caller's transaction, the
// external update reminder re-timed and the summary card refreshed.
#include "firebreak/core/publishing.hpp"

#include <random>

#include "firebreak/app/incident_service.hpp"
#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/store/transaction.hpp"
#include "persistence.hpp"
#include "views.hpp"
#include "views_playbook.hpp"

namespace firebreak::app {
namespace {

Reply ephemeral(chat::Message m) {
    return Reply{Visibility::ephemeral, {std::move(m)}};
}

/// An opaque public id no face has yet: 12 lowercase letters and digits, unrelated to the
/// incident's name or number.
std::string fresh_public_id(store::Transaction& tx) {
    static constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::random_device random;
    std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
    for (;;) {
        std::string id;
        for (int i = 0; i < 12; ++i) id += kAlphabet[pick(random)];
        if (!tx.public_id_taken(id)) return id;
    }
}

}  // namespace

Reply IncidentService::publish(store::Transaction& tx, const core::Command& command,
                               const Invocation& invocation) {
    const core::Timestamp now = clock_.now();
    auto incident = tx.incident_by_conversation(invocation.platform, invocation.conversation);
    if (!incident) {
        counted("refused");
        return ephemeral(views::no_incident_here());
    }
    const core::Incident& inc = *incident;
    core::PublicState state{inc, tx.public_face(inc.id), std::nullopt, ""};
    const core::PublicFace* old_face = state.face ? &*state.face : nullptr;
    core::Command effective = command;

    if (std::holds_alternative<core::cmd::PublishNoChange>(command)) {
        if (!state.face || !state.face->status ||
            *state.face->status == core::PublicStatus::resolved) {
            counted("refused");
            return ephemeral(views::refusal(
                "Nothing unresolved is on the status page yet: publish a first update with "
                "/incident publish."));
        }
        effective = core::cmd::Publish{
            *state.face->status,
            views::public_no_change_text(*state.face->status, inc, settings_, now), true};
    } else if (auto* p = std::get_if<core::cmd::Publish>(&command); p && p->text.empty()) {
        core::cmd::Publish filled = *p;
        core::PublicStatus status = p->status.value_or(core::default_public_status(state.face));
        filled.status = status;
        filled.text = core::fill_template(
            views::external_template(status, settings_),
            views::external_template_values(inc, old_face, status, settings_, now));
        effective = filled;
    }

    std::int64_t draft_id = 0;
    if (auto* c = std::get_if<core::cmd::ConfirmPublish>(&effective)) draft_id = c->draft;
    if (auto* c = std::get_if<core::cmd::CancelPublish>(&effective)) draft_id = c->draft;
    if (auto* c = std::get_if<core::cmd::EditPublish>(&effective)) draft_id = c->draft;
    if (auto* c = std::get_if<core::cmd::Publish>(&effective)) draft_id = c->replaces_draft;
    if (draft_id != 0) state.draft = tx.publish_draft(draft_id);
    if (std::holds_alternative<core::cmd::EditPublish>(effective)) {
        // A platform with forms opened the edit form before the service was asked.
        counted("refused");
        if (!state.draft || state.draft->incident_id != inc.id || !state.draft->open)
            return ephemeral(views::refusal("That status page draft is no longer open."));
        return ephemeral(views::edit_without_forms(*state.draft));
    }
    if (!state.face) state.new_public_id = fresh_public_id(tx);

    core::Context ctx{invocation.user, now, &settings_.policy};
    auto outcome = core::apply_public(state, effective, ctx);
    if (const auto* refusal = std::get_if<core::Refusal>(&outcome)) {
        counted("refused");
        return ephemeral(views::refusal(refusal->reason));
    }
    auto& change = std::get<core::PublicChange>(outcome);
    if (change.face_changed) {
        tx.save(change.face);
        std::optional<core::Timestamp> was = old_face ? old_face->next_update_due : std::nullopt;
        if (change.face.next_update_due != was)
            tx.set_reminder(inc.id, core::reminder::public_update_due, change.face.next_update_due);
    }
    if (change.update) {
        change.update->incident_id = inc.id;
        tx.insert(*change.update);
    }
    if (change.draft) tx.save(*change.draft);
    for (auto& e : change.events) e.incident_id = inc.id;
    tx.append(change.events);
    if (change.face_changed) {
        const auto workstreams = tx.workstreams(inc.id);
        chat::Message card =
            views::summary_card(inc, workstreams, settings_.policy, now, &change.face);
        if (card != views::summary_card(inc, workstreams, settings_.policy, now, old_face)) {
            store::OutboxItem edit = outbox_item(
                inc.platform, inc.id, "", outbox_kind::update_summary, chat::serialize(card), now);
            tx.enqueue_replacing(edit);
        }
    }
    counted("changed");
    if (change.draft && change.draft->open) {
        std::string title = change.face.title.empty() ? inc.title : change.face.title;
        Reply reply = ephemeral(views::publish_preview(
            *change.draft, title, state.face ? &*state.face : nullptr, settings_));
        reply.changed = true;
        return reply;
    }
    if (change.draft && !change.update) {
        Reply reply = ephemeral(views::draft_discarded());
        reply.changed = true;
        return reply;
    }
    return Reply{Visibility::in_channel, {views::public_change(change, settings_)}, true};
}

}  // namespace firebreak::app
