// String forms of the incident records' enums, as stored in the database.
#include "firebreak/core/incident.hpp"

#include <array>
#include <utility>

namespace firebreak::core {
namespace {

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
    for (const auto& [e, name] : names)
        if (e == value) return name;
    return names[0].second;
}

template <typename E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& names,
                          std::string_view text) {
    for (const auto& [e, name] : names)
        if (name == text) return e;
    return std::nullopt;
}

constexpr std::array<std::pair<DecisionState, std::string_view>, 2> kDecisionStates{{
    {DecisionState::proposed, "proposed"},
    {DecisionState::recorded, "recorded"},
}};
constexpr std::array<std::pair<Reversibility, std::string_view>, 3> kReversibilities{{
    {Reversibility::unstated, ""},
    {Reversibility::reversible, "reversible"},
    {Reversibility::irreversible, "irreversible"},
}};
constexpr std::array<std::pair<WorkstreamState, std::string_view>, 3> kWorkstreamStates{{
    {WorkstreamState::active, "active"},
    {WorkstreamState::blocked, "blocked"},
    {WorkstreamState::done, "done"},
}};
constexpr std::array<std::pair<Priority, std::string_view>, 3> kPriorities{{
    {Priority::p1, "p1"},
    {Priority::p2, "p2"},
    {Priority::p3, "p3"},
}};
constexpr std::array<std::pair<ActionState, std::string_view>, 3> kActionStates{{
    {ActionState::open, "open"},
    {ActionState::done, "done"},
    {ActionState::wont_do, "wont_do"},
}};
constexpr std::array<std::pair<UpdateKind, std::string_view>, 2> kUpdateKinds{{
    {UpdateKind::update, "update"},
    {UpdateKind::no_change, "no_change"},
}};

}  // namespace

std::string_view to_string(DecisionState s) {
    return name_of(kDecisionStates, s);
}
std::optional<DecisionState> parse_decision_state(std::string_view t) {
    return value_of(kDecisionStates, t);
}
std::string_view to_string(Priority p) {
    return name_of(kPriorities, p);
}
std::optional<Priority> parse_priority(std::string_view t) {
    return value_of(kPriorities, t);
}
std::string_view to_string(ActionState s) {
    return name_of(kActionStates, s);
}
std::optional<ActionState> parse_action_state(std::string_view t) {
    return value_of(kActionStates, t);
}
std::string_view to_string(UpdateKind k) {
    return name_of(kUpdateKinds, k);
}
std::optional<UpdateKind> parse_update_kind(std::string_view t) {
    return value_of(kUpdateKinds, t);
}

std::string_view to_string(Reversibility r) {
    return name_of(kReversibilities, r);
}
std::optional<Reversibility> parse_reversibility(std::string_view text) {
    return value_of(kReversibilities, text);
}
std::string_view to_string(WorkstreamState s) {
    return name_of(kWorkstreamStates, s);
}
std::optional<WorkstreamState> parse_workstream_state(std::string_view text) {
    return value_of(kWorkstreamStates, text);
}

}  // namespace firebreak::core
