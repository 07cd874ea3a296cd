#include "firebreak/app/incident_service.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "checklist.hpp"
#include "conversation_setup.hpp"
#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/app/postmortem.hpp"
#include "firebreak/app/stats.hpp"
#include "firebreak/core/naming.hpp"
#include "firebreak/core/publishing.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "persistence.hpp"
#include "postmortem_playbook.hpp"
#include "views.hpp"
#include "views_playbook.hpp"

namespace firebreak::app {
namespace {

Reply ephemeral(chat::Message m) {
    return Reply{Visibility::ephemeral, {std::move(m)}};
}

bool is_query(const core::Command& c) {
    return std::holds_alternative<core::cmd::ShowTimeline>(c) ||
           std::holds_alternative<core::cmd::ShowSummary>(c) ||
           std::holds_alternative<core::cmd::ShowPostmortem>(c) ||
           std::holds_alternative<core::cmd::ListActionItems>(c) ||
           std::holds_alternative<core::cmd::ListIncidents>(c) ||
           std::holds_alternative<core::cmd::ShowHelp>(c) ||
           std::holds_alternative<core::cmd::ShowStats>(c) ||
           std::holds_alternative<core::cmd::ShowChecklist>(c);
}

/// The first free name for the slug on the declare date: "-2", "-3", ... on repeats.
std::string free_name(store::Transaction& tx, const std::string& pattern, core::Timestamp now,
                      const std::string& title, const core::NameRules& rules) {
    std::string slug = core::slugify(title);
    for (int attempt = 1;; ++attempt) {
        std::string name = core::incident_name(pattern, now, slug, attempt, rules);
        if (!tx.name_taken(name)) return name;
    }
}

}  // namespace

IncidentService::IncidentService(store::Store& store, const Clock& clock, ServiceSettings settings)
    : store_(store), clock_(clock), settings_(std::move(settings)) {}

Reply IncidentService::usage_error(const command::UsageError& error) {
    counted("usage_error");
    return ephemeral(views::usage(error));
}

Reply IncidentService::run(store::Transaction& tx, const core::Command& command,
                           const Invocation& invocation) {
    if (const auto* d = std::get_if<core::cmd::Declare>(&command))
        return declare(tx, *d, invocation);
    if (std::holds_alternative<core::cmd::DeclareForm>(command)) {
        counted("refused");
        return ephemeral(views::no_forms());
    }
    if (is_query(command)) return query(tx, command, invocation);
    if (core::is_public_command(command)) return publish(tx, command, invocation);
    if (const auto* j = std::get_if<core::cmd::JoinIncident>(&command))
        return join(tx, *j, invocation);
    return change(tx, command, invocation);
}

Reply IncidentService::declare(store::Transaction& tx, const core::cmd::Declare& command,
                               const Invocation& invocation) {
    core::Timestamp now = clock_.now();
    core::Context ctx{invocation.user, now, &settings_.policy};
    auto rules = settings_.name_rules.find(invocation.platform);
    auto outcome = core::declare(
        command,
        free_name(tx, settings_.channel_pattern, now, command.title,
                  rules == settings_.name_rules.end() ? core::NameRules{} : rules->second),
        ctx);
    if (const auto* refusal = std::get_if<core::Refusal>(&outcome)) {
        counted("refused");
        return ephemeral(views::refusal(refusal->reason));
    }

    auto& change = std::get<core::Change>(outcome);
    core::Incident& inc = change.incident;
    inc.platform = invocation.platform;
    inc.bridge_url = core::bridge_url(settings_.bridge_url, inc);
    tx.insert(inc);
    notify_new_stakeholders(tx, inc, now, change.events);
    for (auto& e : change.events) e.incident_id = inc.id;
    tx.append(change.events);
    apply_reminder_plan(tx, inc.id,
                        core::plan_reminders(std::nullopt, inc, settings_.policy,
                                             settings_.reminders, {}, false, now));

    // The announcement names the conversation, which exists only once it is created: it
    // rides in the creation's payload and is queued when the conversation is recorded
    // (conversation_setup.hpp). Where the declare came from is told if creation fails.
    ConversationRequest create;
    create.name = inc.name;
    create.is_private = inc.is_private;
    create.invite = invocation.user;
    create.topic = views::topic(inc, settings_.policy);
    create.origin_conversation = invocation.conversation;
    create.origin_user = invocation.user;
    auto announce = settings_.announce_conversations.find(invocation.platform);
    if (announce != settings_.announce_conversations.end() && !announce->second.empty() &&
        !inc.is_private) {
        create.announce_conversation = announce->second;
        create.announce_parts = views::announcement_parts(inc, settings_);
    }
    // The checklist is first seen in the incident's conversation, so its channel items are
    // ticked in it; they are recorded when the conversation is (conversation_setup.hpp).
    auto ticks = tick_declared(tx, inc, settings_.policy, now);
    for (const auto& item : settings_.policy.checklist)
        if (item.when == "channel_open" && item.applies_to(inc.severity) &&
            std::none_of(ticks.begin(), ticks.end(),
                         [&](const core::ChecklistTick& t) { return t.item == item.id; })) {
            create.checklist_ticks.push_back(item.id);
            ticks.push_back(core::ChecklistTick{0, inc.id, item.id, now, ""});
        }
    enqueue(tx, outbox_item(invocation.platform, inc.id, "", outbox_kind::create_conversation,
                            creation_payload(create), now));
    enqueue_message(tx, invocation.platform, inc.id, "", outbox_kind::post_summary,
                    views::summary_card(inc, {}, settings_.policy, now), now);
    enqueue_message(tx, invocation.platform, inc.id, "", outbox_kind::post_checklist,
                    views::checklist(inc, settings_.policy, ticks), now);
    if (observer_ != nullptr) observer_->incident_declared(inc.severity);
    counted("changed");
    Reply reply = ephemeral(views::declared_confirmation(inc, change, settings_.policy));
    reply.changed = true;
    return reply;
}

Reply IncidentService::change(store::Transaction& tx, const core::Command& command,
                              const Invocation& invocation) {
    core::Timestamp now = clock_.now();
    auto incident = tx.incident_by_conversation(invocation.platform, invocation.conversation);
    if (!incident) {
        counted("refused");
        return ephemeral(views::no_incident_here());
    }

    if (std::holds_alternative<core::cmd::Escalate>(command) &&
        escalation_conversation(invocation.platform).empty()) {
        counted("refused");
        return ephemeral(views::refusal(
            "There is no escalation channel to ask in: an admin sets incident.escalation_channel "
            "(or an announce channel)."));
    }
    auto items = tx.action_items(incident->id);
    int item_count = static_cast<int>(items.size());
    core::IncidentState state{
        *incident,        tx.decisions(incident->id),   item_count,
        std::move(items), tx.workstreams(incident->id), tx.checklist_ticks(incident->id)};
    core::Context ctx{invocation.user, now, &settings_.policy};
    auto outcome = core::apply(state, command, ctx);
    if (const auto* refusal = std::get_if<core::Refusal>(&outcome)) {
        counted("refused");
        return ephemeral(views::refusal(refusal->reason));
    }

    auto& change = std::get<core::Change>(outcome);
    if (change.update && change.update->kind == core::UpdateKind::no_change) {
        // What is posted and stored is the admins' wording, with the new due time.
        std::string text = core::fill_template(settings_.templates.no_change,
                                               views::template_values(change.incident, settings_));
        change.update->text = text;
        for (auto& e : change.events)
            if (e.kind == core::EventKind::no_change_posted) e.text = text;
    }
    persist_change(tx, *incident, change, settings_, now);
    after_change(tx, *incident, change, command, now);
    counted("changed");
    Reply reply{Visibility::in_channel, {views::change(change, command, settings_)}, true};
    // Resolved here but not on the status page, where customers still read it as open.
    if (std::holds_alternative<core::cmd::Resolve>(command))
        if (auto face = tx.public_face(incident->id);
            face && face->status && *face->status != core::PublicStatus::resolved)
            reply.messages.push_back(views::public_resolve_missing(*face));
    return reply;
}

Reply IncidentService::query(store::Transaction& tx, const core::Command& command,
                             const Invocation& invocation) {
    if (std::holds_alternative<core::cmd::ShowHelp>(command)) {
        counted("query");
        return ephemeral(views::help());
    }
    if (const auto* stats = std::get_if<core::cmd::ShowStats>(&command)) {
        // Private incidents only for an admin asking in a private incident's channel: the
        // service cannot tell whether any other conversation is private.
        auto here = tx.incident_by_conversation(invocation.platform, invocation.conversation);
        const auto& admins = settings_.policy.permissions.admins;
        bool everything = here && here->is_private &&
                          std::find(admins.begin(), admins.end(), invocation.user) != admins.end();
        counted("query");
        return ephemeral(views::stats(
            stats_report(tx, stats->since, stats->severity, clock_.now(),
                         everything ? PrivateIncidents::counted : PrivateIncidents::left_out),
            settings_.policy));
    }
    if (std::holds_alternative<core::cmd::ListIncidents>(command)) {
        // A private incident is listed only to the people in it.
        std::vector<core::Incident> visible;
        int hidden = 0;
        for (auto& inc : tx.incidents(true, 200)) {
            bool involved =
                inc.declared_by == invocation.user ||
                std::any_of(core::kAllRoles.begin(), core::kAllRoles.end(),
                            [&](core::Role r) { return inc.holds(invocation.user, r); });
            if (inc.is_private && !involved)
                ++hidden;
            else
                visible.push_back(std::move(inc));
        }
        counted("query");
        return ephemeral(
            views::incident_list(visible, hidden, settings_.policy, invocation.platform));
    }

    auto incident = tx.incident_by_conversation(invocation.platform, invocation.conversation);
    if (!incident) {
        counted("refused");
        return ephemeral(views::no_incident_here());
    }
    counted("query");
    if (const auto* show = std::get_if<core::cmd::ShowTimeline>(&command))
        return ephemeral(
            views::timeline(*incident, tx.timeline(incident->id), show->page, settings_.time_zone));
    if (std::holds_alternative<core::cmd::ShowPostmortem>(command))
        return postmortem(tx, *incident, invocation);
    if (std::holds_alternative<core::cmd::ListActionItems>(command))
        return ephemeral(views::action_items(*incident, tx.action_items(incident->id),
                                             core::date_of(clock_.now())));
    if (std::holds_alternative<core::cmd::ShowChecklist>(command))
        return ephemeral(
            views::checklist(*incident, settings_.policy, tx.checklist_ticks(incident->id)));
    auto face = tx.public_face(incident->id);
    return ephemeral(views::summary_card(*incident, tx.workstreams(incident->id), settings_.policy,
                                         clock_.now(), face ? &*face : nullptr));
}

Reply IncidentService::postmortem(store::Transaction& tx, const core::Incident& incident,
                                  const Invocation& invocation) {
    auto timeline = tx.timeline(incident.id);
    auto decisions = tx.decisions(incident.id);
    auto items = tx.action_items(incident.id);
    // Posted for everyone in the channel: the review starts from it.
    chat::Message draft = views::postmortem(incident, settings_.policy, timeline, decisions, items);
    draft.text += playbook_sections_text(incident, settings_.policy, tx.workstreams(incident.id),
                                         tx.checklist_ticks(incident.id));
    auto parts = views::in_parts(draft);
    Reply reply{Visibility::in_channel, std::move(parts)};
    if (reply.messages.size() > 1) {
        // Too long for one message: one file instead of a part per 12 kB, which would hold
        // the channel's nudges and summary edits behind it for as long as they take to post.
        // One at a time per incident, however often it is asked for.
        bool already = tx.has_pending(incident.id, outbox_kind::post_document);
        reply = Reply{Visibility::ephemeral, {views::postmortem_on_its_way(already)}};
        if (!already) {
            auto record = load_record(tx, std::to_string(incident.id));
            nlohmann::json document{
                {"title", "Postmortem draft: " + incident.title},
                {"filename", incident.name + "-postmortem.md"},
                {"text", postmortem_markdown(*record, settings_.policy)},
                {"message", nlohmann::json::parse(chat::serialize(
                                views::postmortem_document(incident, timeline.size())))}};
            enqueue(tx, outbox_item(
                            invocation.platform, incident.id, invocation.conversation,
                            outbox_kind::post_document,
                            document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                            clock_.now()));
            reply.changed = true;
        }
    }
    core::IncidentState state{incident, decisions, static_cast<int>(items.size()), items};
    core::Context ctx{invocation.user, clock_.now(), &settings_.policy};
    if (auto change = core::start_review(state, timeline, ctx)) {
        tx.append(change->events);
        refresh_checklist(tx, incident, settings_.policy, clock_.now());
        reply.changed = true;
    }
    return reply;
}

void IncidentService::attach_conversation(std::int64_t incident_id,
                                          const std::string& conversation) {
    auto tx = store_.begin();
    app::attach_conversation(tx, incident_id, conversation);
    if (auto incident = tx.incident(incident_id))
        refresh_checklist(tx, *incident, settings_.policy, clock_.now());
    tx.commit();
}

bool IncidentService::announce(const chat::Message& message) {
    core::Timestamp now = clock_.now();
    auto tx = store_.begin();
    bool queued = false;
    for (const auto& [platform, conversation] : settings_.announce_conversations) {
        if (conversation.empty()) continue;
        enqueue_message(tx, platform, std::nullopt, conversation, outbox_kind::post, message, now);
        queued = true;
    }
    tx.commit();
    return queued;
}

std::optional<core::Timestamp> IncidentService::latest_event_time() {
    auto tx = store_.read();
    return tx.latest_event_time();
}

std::optional<core::Timestamp> IncidentService::next_reminder_due() {
    auto tx = store_.read();
    return tx.next_reminder_due();
}

}  // namespace firebreak::app
