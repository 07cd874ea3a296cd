// IncidentService: the parts of the playbook that reach beyond the incident's own
// conversation: help requests and joining through them, and the stakeholders' messages.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "firebreak/app/incident_service.hpp"
#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "persistence.hpp"
#include "views.hpp"
#include "views_playbook.hpp"

namespace firebreak::app {
namespace {

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = text.find(',', start);
        std::string piece = text.substr(start, comma == std::string::npos ? comma : comma - start);
        if (!piece.empty()) out.push_back(piece);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

/// The stakeholder conversations that have heard of the incident, in the order they did.
std::vector<std::string> told_so_far(const std::vector<core::TimelineEvent>& events) {
    std::vector<std::string> told;
    for (const auto& e : events)
        if (e.kind == core::EventKind::stakeholders_notified)
            for (auto& c : split_list(e.after))
                if (std::find(told.begin(), told.end(), c) == told.end()) told.push_back(c);
    return told;
}

}  // namespace

std::string IncidentService::escalation_conversation(const std::string& platform) const {
    if (auto it = settings_.escalation_conversations.find(platform);
        it != settings_.escalation_conversations.end() && !it->second.empty())
        return it->second;
    auto announce = settings_.announce_conversations.find(platform);
    return announce == settings_.announce_conversations.end() ? "" : announce->second;
}

std::optional<std::string> IncidentService::refusal_for(store::Transaction& tx,
                                                        const core::Command& command,
                                                        const Invocation& invocation) {
    auto incident = tx.incident_by_conversation(invocation.platform, invocation.conversation);
    if (!incident) return "There is no incident in this conversation.";
    auto items = tx.action_items(incident->id);
    int count = static_cast<int>(items.size());
    core::IncidentState state{
        *incident,        tx.decisions(incident->id),   count,
        std::move(items), tx.workstreams(incident->id), tx.checklist_ticks(incident->id)};
    core::Context ctx{invocation.user, clock_.now(), &settings_.policy};
    auto outcome = core::apply(state, command, ctx);
    if (const auto* refusal = std::get_if<core::Refusal>(&outcome)) return refusal->reason;
    return std::nullopt;
}

Reply IncidentService::join(store::Transaction& tx, const core::cmd::JoinIncident& command,
                            const Invocation& invocation) {
    core::Timestamp now = clock_.now();
    auto incident = tx.incident_by_name(command.incident);
    if (!incident || incident->platform != invocation.platform) {
        counted("refused");
        return Reply{Visibility::ephemeral,
                     {views::refusal("There is no incident " + command.incident + ".")}};
    }
    core::IncidentState state{*incident, {}, 0, {}, {}, {}};
    core::Context ctx{invocation.user, now, &settings_.policy};
    auto outcome = core::apply(state, command, ctx);
    if (const auto* refusal = std::get_if<core::Refusal>(&outcome)) {
        counted("refused");
        return Reply{Visibility::ephemeral, {views::refusal(refusal->reason)}};
    }
    auto& change = std::get<core::Change>(outcome);
    persist_change(tx, *incident, change, settings_, now);
    enqueue(tx, outbox_item(incident->platform, incident->id, "", outbox_kind::invite,
                            nlohmann::json{{"user", invocation.user}}.dump(
                                -1, ' ', false, nlohmann::json::error_handler_t::replace),
                            now));
    // Said where the incident is run: the escalation channel heard the request already.
    chat::Message joined;
    for (const auto& e : change.events) joined.text += (joined.text.empty() ? "" : "\n") + e.text;
    enqueue_message(tx, incident->platform, incident->id, "", outbox_kind::post, joined, now);
    counted("changed");
    return Reply{Visibility::ephemeral, {views::joining(*incident)}, true};
}

void IncidentService::notify_new_stakeholders(store::Transaction& tx, const core::Incident& inc,
                                              core::Timestamp now,
                                              std::vector<core::TimelineEvent>& events) {
    const core::SeverityLevel* level = settings_.policy.find_severity(inc.severity);
    if (level == nullptr || level->notify.empty()) return;
    std::vector<std::string> told =
        inc.id != 0 ? told_so_far(tx.stakeholder_notices(inc.id)) : std::vector<std::string>{};
    std::string now_told;
    for (const auto& who : level->notify) {
        if (who.conversation.empty()) continue;
        if (inc.is_private && !who.private_safe) continue;  // kept from a private incident
        if (std::find(told.begin(), told.end(), who.conversation) != told.end()) continue;
        enqueue_message(tx, inc.platform, inc.id, who.conversation, outbox_kind::post,
                        views::stakeholder_declared(inc, settings_), now);
        told.push_back(who.conversation);
        now_told += (now_told.empty() ? "" : ",") + who.conversation;
    }
    if (now_told.empty()) return;
    events.push_back(core::TimelineEvent{0, inc.id, now, "", core::EventKind::stakeholders_notified,
                                         "Stakeholders told: " + now_told + ".", "", now_told});
}

void IncidentService::after_change(store::Transaction& tx, const core::Incident& before,
                                   const core::Change& change, const core::Command& command,
                                   core::Timestamp now) {
    const core::Incident& inc = change.incident;
    if (change.help_request) {
        std::string actor = change.events.empty() ? "" : change.events.front().actor;
        enqueue_message(
            tx, inc.platform, inc.id, escalation_conversation(inc.platform), outbox_kind::post,
            views::help_request(inc, *change.help_request, actor, settings_.policy), now);
    }
    // Stakeholders: the new ones on promotion; updates and the resolution to all told.
    std::vector<core::TimelineEvent> events;
    if (before.severity != inc.severity) notify_new_stakeholders(tx, inc, now, events);
    bool resolved =
        std::holds_alternative<core::cmd::Resolve>(command) && inc.status == core::Status::resolved;
    if (change.update || resolved) {
        std::vector<std::string> told = told_so_far(tx.stakeholder_notices(inc.id));
        chat::Message message;
        if (change.update) {
            int number = tx.status_update_count(inc.id);
            message = views::stakeholder_update(inc, *change.update, number);
        } else {
            message = views::stakeholder_resolved(inc, settings_,
                                                  std::get<core::cmd::Resolve>(command).text);
        }
        for (const auto& conversation : told)
            enqueue_message(tx, inc.platform, inc.id, conversation, outbox_kind::post, message,
                            now);
    }
    if (!events.empty()) tx.append(events);
}

}  // namespace firebreak::app
