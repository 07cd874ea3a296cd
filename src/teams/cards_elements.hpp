#pragma once
// Building blocks shared by the message and form cards. Internal to the cards renderer.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

#include "cards_markup.hpp"
#include "firebreak/teams/directory.hpp"

namespace firebreak::teams::detail {

/// Teams shows at most six actions in one set (its host config's maxActions).
inline constexpr std::size_t kMaxActionsPerSet = 6;
/// A people picker searches the members of the conversation the card is in.
inline constexpr const char* kPeopleDataset = "graph.microsoft.com/users?scope=currentContext";

/// Action.Execute (verb "firebreak") with an Action.Submit fallback carrying the same data;
/// `style` "" for the default.
nlohmann::json execute_action(std::string_view title, nlohmann::json data, std::string_view style);
/// `actions` in ActionSets of at most kMaxActionsPerSet.
nlohmann::json action_sets(const nlohmann::json& actions);
/// One TextBlock per non-blank line (Markdown ignores a single line break); a blank line
/// leaves a gap before the next block.
nlohmann::json text_blocks(std::string_view text, const Directory& names, Mentions& mentions);
/// An AdaptiveCard 1.5 with `body`, card-level `actions` when any, and msteams.entities.
nlohmann::json card(nlohmann::json body, nlohmann::json actions, const Mentions& mentions);
/// A message activity carrying `card_content` and `summary` (clipped) for previews. No
/// `text`: Teams posts an activity with text and a card as two messages and answers with
/// no id, and the summary card must keep its id to be edited.
nlohmann::json activity(nlohmann::json card_content, std::string_view summary);

}  // namespace firebreak::teams::detail
