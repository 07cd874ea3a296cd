#include "firebreak/web/group_commit.hpp"

#include <memory>
#include <optional>

#include "firebreak/store/store.hpp"

namespace firebreak::web {

http::Batching group_commits(store::Store& store, std::shared_ptr<HeldCounts> counts) {
    auto group = std::make_shared<std::optional<store::CommitGroup>>();
    http::Batching batching{[&store, group] { group->emplace(store); },
                            [group] {
                                const bool kept = (*group)->commit();
                                group->reset();
                                return kept;
                            }};
    return counts ? holding_counts(std::move(batching), std::move(counts)) : batching;
}

}  // namespace firebreak::web
