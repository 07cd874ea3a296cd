#pragma once
// A sliding window of recent posts per conversation, held against a platform's pacing rules.

#include <deque>
#include <map>
#include <string>

#include "firebreak/app/delivery.hpp"

namespace firebreak::app {

class ConversationPacer {
  public:
    explicit ConversationPacer(Pacing pacing);

    /// When the next post to `conversation` may go: `now` when every rule allows it, else
    /// the first time at which all of them do.
    core::Timestamp allowed_at(const std::string& conversation, core::Timestamp now) const;

    /// Counts a post to `conversation` made at `at`. Posts older than the longest window
    /// are forgotten.
    void posted(const std::string& conversation, core::Timestamp at);

  private:
    void forget_before(core::Timestamp cutoff);

    Pacing pacing_;
    core::Duration longest_{};
    std::map<std::string, std::deque<core::Timestamp>> recent_;  ///< oldest first
    int posts_since_sweep_ = 0;
};

}  // namespace firebreak::app
