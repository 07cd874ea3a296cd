#include "firebreak/app/outbox_worker.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "persistence.hpp"
#include "views.hpp"

namespace firebreak::app {
namespace {

/// Conversations looked at per pass; more wait for the next pass.
constexpr int kPassLimit = 2000;
/// The longest the thread sleeps without a poke: a guard against a clock that jumped.
constexpr auto kLongestWait = std::chrono::seconds(30);
/// After a pass that could deliver nothing (everything paced or backing off), pokes are
/// gathered for this long before the next pass, so a burst of commits costs one pass
/// rather than one each.
constexpr auto kQuietPassGap = std::chrono::milliseconds(50);

bool is_post(const store::OutboxItem& item) {
    return item.kind == outbox_kind::post || item.kind == outbox_kind::post_summary ||
           item.kind == outbox_kind::notice;
}

/// Messages people were meant to see. A failed notice is only logged (no notices about
/// notices), a failed creation leaves no channel to say it in, and a platform's own
/// kinds (opening a form, reading a message back) are not messages.
bool deserves_notice(const store::OutboxItem& item) {
    return is_post(item)
               ? item.kind != outbox_kind::notice
               : item.kind == outbox_kind::update_summary || item.kind == outbox_kind::set_topic ||
                     item.kind == outbox_kind::ephemeral;
}

void earliest(std::optional<core::Timestamp>& next, core::Timestamp t) {
    if (!next || t < *next) next = t;
}

}  // namespace

OutboxWorker::OutboxWorker(store::Store& store, const Clock& clock, OutboxDeliverer& deliverer,
                           OutboxWorkerOptions options)
    : store_(store),
      clock_(clock),
      deliverer_(deliverer),
      options_(options),
      jitter_(options.jitter_seed) {}

OutboxWorker::~OutboxWorker() {
    stop();
}

std::optional<core::Timestamp> OutboxWorker::deliver_due() {
    core::Timestamp now = clock_.now();
    std::vector<store::OutboxItem> items;
    std::map<std::int64_t, std::string> conversations;  // incident → its conversation
    {
        auto tx = store_.read();
        items = tx.pending_heads(deliverer_.platform(), kPassLimit);
        for (const auto& item : items)
            if (item.incident_id && !conversations.contains(*item.incident_id)) {
                auto inc = tx.incident(*item.incident_id);
                conversations[*item.incident_id] = inc ? inc->conversation : "";
            }
    }
    std::optional<core::Timestamp> next;
    // Order holds per conversation: only the first pending item of each may go. An item
    // for an incident whose conversation does not exist yet queues behind its creation.
    std::set<std::string> busy;
    for (const auto& item : items) {
        std::string conversation = item.conversation;
        if (conversation.empty() && item.incident_id)
            conversation = conversations[*item.incident_id];
        std::string key = conversation.empty() && item.incident_id
                              ? "incident:" + std::to_string(*item.incident_id)
                              : "conversation:" + conversation;
        if (!busy.insert(key).second) continue;
        if (item.next_attempt_at > now) {
            earliest(next, item.next_attempt_at);
            continue;
        }
        if (is_post(item) && !conversation.empty()) {
            if (auto last = last_post_.find(conversation); last != last_post_.end()) {
                core::Timestamp allowed = last->second + options_.post_interval;
                if (allowed > now) {
                    earliest(next, allowed);
                    continue;
                }
            }
        }
        DeliveryContext ctx(store_, item, now);
        DeliveryOutcome outcome;
        try {
            outcome = deliverer_.deliver(item, conversation, ctx);
        } catch (const std::exception& e) {
            // A bug or a store error in one item must not stop the others.
            outcome = DeliveryOutcome::retry(std::string("internal error: ") + e.what());
        }
        if (auto again = record(item, conversation, outcome, now)) {
            earliest(next, *again);
            continue;
        }
        // Done (or failed for good): the next item of this target may go at once.
        earliest(next, now);
        if (outcome.kind == DeliveryOutcome::Kind::delivered) {
            if (is_post(item) && !conversation.empty()) last_post_[conversation] = now;
        }
    }
    return next;
}

core::Duration OutboxWorker::backoff(int attempts) {
    core::Duration ceiling = options_.backoff_cap;
    if (attempts < 30)
        ceiling = std::min<core::Duration>(ceiling, options_.backoff_base * (1L << attempts));
    long long high = std::max<long long>(ceiling.count(), 1);
    std::uniform_int_distribution<long long> pick(std::max<long long>(high / 2, 1), high);
    return core::Duration(pick(jitter_));
}

std::optional<core::Timestamp> OutboxWorker::record(const store::OutboxItem& item,
                                                    const std::string& conversation,
                                                    const DeliveryOutcome& outcome,
                                                    core::Timestamp now) {
    auto tx = store_.begin();
    using Kind = DeliveryOutcome::Kind;
    // Transient trouble is retried for hours (a Slack outage must not lose an incident's
    // messages); only a permanent error, or trouble that outlasts give_up_after, fails.
    bool give_up = outcome.kind == Kind::failed ||
                   (outcome.kind == Kind::retry && now - item.created_at >= options_.give_up_after);
    if (outcome.kind == Kind::delivered) {
        tx.mark_delivered(item.id, now);
        tx.commit();
        if (observer_) observer_->delivered(item);
        return std::nullopt;
    }
    if (!give_up) {
        core::Timestamp at =
            now + (outcome.retry_after ? *outcome.retry_after : backoff(item.attempts));
        tx.mark_retry(item.id, at, outcome.error);
        tx.commit();
        spdlog::warn("{} outbox item {} ({}) will be retried at {}: {}", deliverer_.platform(),
                     item.id, item.kind, core::format_iso8601(at), outcome.error);
        if (observer_) observer_->retried(item, outcome.error);
        return at;
    }
    std::string error =
        outcome.kind == Kind::retry
            ? outcome.error + " (gave up after " + std::to_string(item.attempts + 1) + " attempts)"
            : outcome.error;
    tx.mark_failed(item.id, now, error);
    spdlog::error("{} outbox item {} ({}) failed for good: {}", deliverer_.platform(), item.id,
                  item.kind, error);
    // Say so where people look, unless the failure is itself about that conversation's
    // notices or there is no conversation to say it in.
    if (item.incident_id && deserves_notice(item)) {
        auto incident = tx.incident(*item.incident_id);
        if (incident && !incident->conversation.empty())
            enqueue_message(tx, item.platform, item.incident_id, incident->conversation,
                            outbox_kind::notice,
                            views::delivery_failed(item.kind, conversation, error), now);
    }
    tx.commit();
    if (observer_) observer_->failed(item, error);
    return std::nullopt;
}

void OutboxWorker::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable() || stopping_) return;
    thread_ = std::thread([this] { run(); });
}

void OutboxWorker::poke() {
    {
        std::lock_guard lock(mutex_);
        poked_ = true;
    }
    wake_.notify_one();
}

void OutboxWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void OutboxWorker::run() {
    while (true) {
        std::optional<core::Timestamp> next;
        try {
            next = deliver_due();
        } catch (const std::exception& e) {
            // The store refused (disk full, locked too long): try again shortly.
            spdlog::error("{} outbox worker: {}", deliverer_.platform(), e.what());
            next = clock_.now() + std::chrono::seconds(5);
        }
        std::unique_lock lock(mutex_);
        if (stopping_) return;
        bool delivered = next && *next <= clock_.now();
        if (!delivered && wake_.wait_for(lock, kQuietPassGap, [this] { return stopping_; })) return;
        std::chrono::steady_clock::duration wait = kLongestWait;
        if (next) {
            auto until = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                *next - clock_.now());
            wait = std::clamp<std::chrono::steady_clock::duration>(until, {}, kLongestWait);
        }
        wake_.wait_for(lock, wait, [this] { return poked_ || stopping_; });
        poked_ = false;
        if (stopping_) return;
    }
}

}  // namespace firebreak::app
