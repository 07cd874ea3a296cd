#pragma once
// The seam between the outbox worker and a platform adapter: what one delivery attempt
// may read and record, and what became of it.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "firebreak/core/incident.hpp"
#include "firebreak/core/time.hpp"
#include "firebreak/store/records.hpp"

namespace firebreak::store {
class Store;
}

namespace firebreak::app {

/// The message_refs purpose of the incident's pinned summary, which later summary edits
/// replace.
inline constexpr const char* kSummaryRef = "summary";

/// The message_refs purpose of the incident's pinned checklist (post_checklist), which
/// update_checklist items edit in place.
inline constexpr const char* kChecklistRef = "checklist";

/// What became of one attempt to deliver an outbox item.
struct DeliveryOutcome {
    enum class Kind {
        delivered,  ///< done; the next item of the conversation may go
        retry,      ///< transient (rate limit, 5xx, timeout): try again later
        failed,     ///< permanent: trying again cannot help
    };
    Kind kind = Kind::delivered;
    std::string error;  ///< why, for retry and failed; never holds a secret
    /// When the platform said to come back (HTTP 429 Retry-After); else the worker backs off.
    std::optional<core::Duration> retry_after;

    static DeliveryOutcome delivered() { return {}; }
    static DeliveryOutcome retry(std::string error,
                                 std::optional<core::Duration> after = std::nullopt) {
        return {Kind::retry, std::move(error), after};
    }
    static DeliveryOutcome failed(std::string error) {
        return {Kind::failed, std::move(error), std::nullopt};
    }
};

/// A chat message someone asked to keep in the incident's timeline.
struct CapturedMessage {
    std::string conversation;
    std::string ref;  ///< the platform's id for the message (a Slack ts)
    core::UserId author;
    std::string text;
    core::Timestamp written_at{};
    core::UserId captured_by;
};

/// At most `count` posts to one conversation in any `window` (a sliding window).
struct PacingRule {
    int count = 1;
    core::Duration window{};
};

/// A platform's limits on posting to one conversation; every rule holds at once (Teams:
/// 7 per 1 s, 8 per 2 s and 60 per 30 s). No rules: no pacing.
struct Pacing {
    std::vector<PacingRule> rules;
};

/// What a deliverer may read and record while it works on one item. Every write commits
/// at once, so work done before a crash is not done again.
class DeliveryContext {
  public:
    /// With `store_mutex`, every store access holds it: the worker's connection is shared
    /// by the attempts running at once, and never held during a platform call.
    DeliveryContext(store::Store& store, const store::OutboxItem& item, core::Timestamp now,
                    std::mutex* store_mutex = nullptr)
        : store_(store), item_(item), now_(now), store_mutex_(store_mutex) {}

    const store::OutboxItem& item() const { return item_; }
    core::Timestamp now() const { return now_; }

    /// The steps of this item done so far (JSON object text).
    const std::string& progress() const { return item_.progress; }
    /// Records the steps done so far; a restart resumes after them.
    void save_progress(const std::string& progress);

    /// The incident's conversation, "" while it has none.
    std::string conversation_of(std::int64_t incident_id);
    /// Records the conversation a platform created for an incident and, in the same
    /// commit, queues what waited for it (the announcement that names it). Safe to call
    /// again after a crash: the same conversation again queues nothing more.
    void attach_conversation(std::int64_t incident_id, const std::string& conversation);

    std::optional<store::MessageRef> message_ref(std::int64_t incident_id,
                                                 const std::string& purpose);
    void set_message_ref(std::int64_t incident_id, const std::string& purpose,
                         const store::MessageRef& ref);

    /// Adds `message` to the incident's timeline unless that message is already there.
    /// True when it was added.
    bool capture_message(std::int64_t incident_id, const CapturedMessage& message);

  private:
    /// Holds the store mutex, if any, for one store access.
    std::unique_lock<std::mutex> lock_store() const {
        return store_mutex_ ? std::unique_lock(*store_mutex_) : std::unique_lock<std::mutex>();
    }

    store::Store& store_;
    store::OutboxItem item_;
    core::Timestamp now_;
    std::mutex* store_mutex_;
};

/// A platform adapter's side of the outbox: performs one item through the platform's API.
/// deliver() runs on several threads at once, for different conversations; pacing() is
/// called on the worker's dispatching thread. What is time-critical is the item's own
/// mark (OutboxItem::urgent, set where a form is opened or a private reply queued).
class OutboxDeliverer {
  public:
    virtual ~OutboxDeliverer() = default;

    /// Performs `item` in `conversation` (the item's own target, or its incident's
    /// conversation; "" when neither exists yet). Resumes after the steps `ctx.progress()`
    /// lists. Reports platform trouble as an outcome; never throws for it.
    virtual DeliveryOutcome deliver(const store::OutboxItem& item, const std::string& conversation,
                                    DeliveryContext& ctx) = 0;

    /// "slack", "teams": for logs and metrics.
    virtual std::string_view platform() const = 0;

    /// How often posts may go to one conversation. Default: no limit.
    virtual Pacing pacing() const { return {}; }
};

}  // namespace firebreak::app
