#include "firebreak/web/group_commit.hpp"

#include <memory>
#include <optional>

#include "firebreak/store/store.hpp"

namespace firebreak::web {

http::Batching group_commits(store::Store& store) {
    auto group = std::make_shared<std::optional<store::CommitGroup>>();
    return http::Batching{[&store, group] { group->emplace(store); },
                          [group] {
                              const bool kept = (*group)->commit();
                              group->reset();
                              return kept;
                          }};
}

}  // namespace firebreak::web
