// Changes to existing action items: done, not doing, reassigned, re-dated.
#include <algorithm>

#include "rules_internal.hpp"

namespace firebreak::core::detail {
namespace {

std::string label(int number) {
    return "Action item #" + std::to_string(number);
}

/// The item numbered `number`, or the refusal that says why it cannot change.
std::variant<Refusal, const ActionItem*> changeable(const IncidentState& state, int number) {
    if (state.incident.status == Status::canceled)
        return Refusal{"The incident was canceled; it has no follow-ups."};
    auto it = std::find_if(state.action_items.begin(), state.action_items.end(),
                           [&](const ActionItem& a) { return a.number == number; });
    if (it == state.action_items.end()) {
        return Refusal{"There is no action item #" + std::to_string(number) +
                       "; this incident has " + std::to_string(state.action_items.size()) +
                       ". /incident actions lists them."};
    }
    if (it->state != ActionState::open) {
        return Refusal{label(number) + " is already " +
                       (it->state == ActionState::done ? "done" : "marked not doing") +
                       "; only open items change."};
    }
    return &*it;
}

/// A change holding `after` and one event saying what changed.
Change changed(const IncidentState& state, const Context& ctx, ActionItem after, std::string words,
               std::string before_value, std::string after_value) {
    Change change = start(state);
    record(change, ctx, EventKind::action_item_changed, std::move(words), std::move(before_value),
           std::move(after_value));
    change.changed_action_items.push_back(std::move(after));
    return change;
}

Outcome set_state(const IncidentState& state, int number, ActionState to, const std::string& words,
                  const Context& ctx) {
    auto found = changeable(state, number);
    if (auto* refusal = std::get_if<Refusal>(&found)) return *refusal;
    ActionItem item = *std::get<const ActionItem*>(found);
    item.state = to;
    return changed(state, ctx, item, words, std::string(to_string(ActionState::open)),
                   std::string(to_string(to)));
}

}  // namespace

Outcome complete_action_item(const IncidentState& state, const cmd::CompleteActionItem& c,
                             const Context& ctx) {
    return set_state(state, c.number, ActionState::done, label(c.number) + " marked done.", ctx);
}

Outcome drop_action_item(const IncidentState& state, const cmd::DropActionItem& c,
                         const Context& ctx) {
    std::string words = label(c.number) + " marked not doing.";
    if (!c.reason.empty()) words += " Reason: " + c.reason;
    return set_state(state, c.number, ActionState::wont_do, words, ctx);
}

Outcome reassign_action_item(const IncidentState& state, const cmd::ReassignActionItem& c,
                             const Context& ctx) {
    auto found = changeable(state, c.number);
    if (auto* refusal = std::get_if<Refusal>(&found)) return *refusal;
    ActionItem item = *std::get<const ActionItem*>(found);
    if (c.owner.empty()) return Refusal{"An action item needs an owner."};
    if (item.owner == c.owner)
        return Refusal{label(c.number) + " is already owned by " + mention(c.owner) + "."};
    std::string before = item.owner;
    item.owner = c.owner;
    return changed(
        state, ctx, item,
        label(c.number) + " reassigned from " + mention(before) + " to " + mention(c.owner) + ".",
        before, c.owner);
}

Outcome reschedule_action_item(const IncidentState& state, const cmd::RescheduleActionItem& c,
                               const Context& ctx) {
    auto found = changeable(state, c.number);
    if (auto* refusal = std::get_if<Refusal>(&found)) return *refusal;
    ActionItem item = *std::get<const ActionItem*>(found);
    if (auto problem = due_date_problem(c.due, date_of(ctx.now))) return Refusal{*problem};
    if (item.due == c.due)
        return Refusal{label(c.number) + " is already due " + format_date(c.due) + "."};
    std::string before = format_date(item.due);
    item.due = c.due;
    return changed(state, ctx, item,
                   label(c.number) + " now due " + format_date(c.due) + " (was " + before + ").",
                   before, format_date(c.due));
}

}  // namespace firebreak::core::detail
