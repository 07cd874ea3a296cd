#pragma once
// Counts that wait for a commit group's outcome, so the metrics never count what was not
// kept.

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "firebreak/http/server.hpp"

namespace firebreak::web {

/// While a commit group is open, counts are held: applied once the group is durable,
/// dropped when it was not kept (its requests were answered 503, so nothing they counted
/// happened). Outside a group a count is applied at once. Meant for the store's thread,
/// where groups run; a count from another thread while a group is open would share the
/// group's fate.
class HeldCounts {
  public:
    /// Runs `count` now, or when the open group's outcome is known.
    void count(std::function<void()> count);

    /// A group opened: hold counts from now on.
    void hold();
    /// The group ended: run the held counts when `kept`, else drop them.
    void release(bool kept);

  private:
    std::mutex mutex_;
    bool holding_ = false;                     // guarded by mutex_
    std::vector<std::function<void()>> held_;  // guarded by mutex_
};

/// `batching` with `counts` held from each successful open() to its close(); a close()
/// that throws drops them, as the server answers that group 503.
http::Batching holding_counts(http::Batching batching, std::shared_ptr<HeldCounts> counts);

}  // namespace firebreak::web
