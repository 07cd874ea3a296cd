#include "firebreak/app/outbox_worker.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <set>

#include "conversation_pacer.hpp"
#include "conversation_setup.hpp"
#include "delivery_pool.hpp"
#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/log/fields.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "persistence.hpp"
#include "views.hpp"

namespace firebreak::app {
namespace {

/// Lanes looked at per pass at most; more wait for the next pass.
constexpr int kPassLimit = 2000;
/// Lane heads read at a time: a pass reads pages, oldest heads first, until it has enough
/// to fill the free slots.
constexpr int kPageSize = 64;
/// Turns whose last start is remembered while a backlog keeps passes from reading every
/// head (and so from forgetting the turns that have nothing left).
constexpr std::size_t kTurnsRemembered = 10'000;
/// The longest the thread sleeps without a poke: a guard against a clock that jumped.
constexpr auto kLongestWait = std::chrono::seconds(30);
/// After a pass that could deliver nothing (everything paced or backing off), pokes are
/// gathered for this long before the next pass, so a burst of commits costs one pass
/// rather than one each.
constexpr auto kQuietPassGap = std::chrono::milliseconds(50);
/// How long a lane waits after the store refused to record its attempt.
constexpr core::Duration kStoreRetry = std::chrono::seconds(5);

bool is_post(const store::OutboxItem& item) {
    return item.kind == outbox_kind::post || item.kind == outbox_kind::post_summary ||
           item.kind == outbox_kind::notice || item.kind == outbox_kind::post_document;
}

/// Messages people were meant to see. A failed notice is only logged (no notices about
/// notices), a failed creation leaves no channel to say it in (conversation_not_created()
/// tells the declarer instead), and a platform's own kinds (opening a form, reading a
/// message back) are not messages.
bool deserves_notice(const store::OutboxItem& item) {
    return is_post(item)
               ? item.kind != outbox_kind::notice
               : item.kind == outbox_kind::update_summary || item.kind == outbox_kind::set_topic ||
                     item.kind == outbox_kind::ephemeral;
}

/// Whose turn an item takes when slots are short: its incident's (the conversation of an
/// incident changes when it is created), else its lane's.
std::string turn_of(const store::OutboxItem& item, const std::string& lane) {
    return item.incident_id ? "incident:" + std::to_string(*item.incident_id) : lane;
}

void earliest(std::optional<core::Timestamp>& next, core::Timestamp t) {
    if (!next || t < *next) next = t;
}

}  // namespace

/// The one attempt of an item the lanes started.
struct OutboxWorker::Attempt {
    store::OutboxItem item;
    std::string conversation;     ///< where it goes; "" while its incident has none
    std::string lane;             ///< what it is ordered in: its conversation, or its incident
    core::Timestamp now;          ///< when it was started: its pacing and its records count from it
    bool counts_as_post = false;  ///< a post to a conversation: pacing counts it
    bool urgent = false;
    bool urgent_slot = false;  ///< holds one of the urgent_slots, not a normal slot
};

OutboxWorker::OutboxWorker(store::Store& store, const Clock& clock, OutboxDeliverer& deliverer,
                           OutboxWorkerOptions options)
    : store_(store),
      clock_(clock),
      deliverer_(deliverer),
      options_(options),
      jitter_(options.jitter_seed),
      pacer_(std::make_unique<ConversationPacer>(deliverer.pacing())),
      nice_(nice_below_this_thread(options.niceness)),
      pool_(std::make_unique<DeliveryPool>(
          static_cast<std::size_t>(std::max(options.max_in_flight, 1) +
                                   std::max(options.urgent_slots, 0)),
          nice_)) {
    options_.max_in_flight = std::max(options_.max_in_flight, 1);
    options_.urgent_slots = std::max(options_.urgent_slots, 0);
}

OutboxWorker::~OutboxWorker() {
    stop();
}

std::optional<core::Timestamp> OutboxWorker::deliver_due() {
    core::Timestamp now = clock_.now();
    Dispatched pass = dispatch(now);
    std::optional<core::Timestamp> next = pass.next;
    if (pass.lacked_slot) earliest(next, now);  // the slots are free again on return
    for (auto& result : pass.results) {
        // Done (or failed for good): the next item of its conversation may go at once.
        std::optional<core::Timestamp> again = result.get();
        earliest(next, again ? *again : now);
    }
    return next;
}

OutboxWorker::Dispatched OutboxWorker::dispatch(core::Timestamp now) {
    Dispatched out;
    // Held from reading the heads to starting them: an attempt frees its lane only after
    // recording, so a head read here is never one that has just been delivered.
    std::lock_guard lanes(lanes_mutex_);
    const int free_slots = options_.max_in_flight - normal_in_flight_;
    std::map<std::int64_t, std::string> conversations;  // incident → its conversation
    auto look_up = [&](store::Transaction& tx, std::int64_t incident_id) {
        if (!conversations.contains(incident_id))
            conversations[incident_id] = tx.incident_conversation(incident_id).value_or("");
    };
    // Reads `fetch`'s items and the conversations of their incidents, in one snapshot.
    auto read = [&](auto fetch) {
        std::lock_guard store_lock(store_mutex_);
        auto tx = store_.read();
        std::vector<store::OutboxItem> items = fetch(tx);
        for (const auto& item : items)
            if (item.incident_id) look_up(tx, *item.incident_id);
        for (const auto& [lane, incident_id] : busy_incidents_) look_up(tx, incident_id);
        return items;
    };
    const std::string_view platform = deliverer_.platform();
    // Time-critical items first, wherever their lanes are among the heads.
    std::vector<store::OutboxItem> items =
        read([&](store::Transaction& tx) { return tx.urgent_heads(platform, kPageSize); });
    // A conversation created by an attempt still in flight (create → invite → topic) is
    // busy too: nothing else goes to it before that attempt is done.
    std::set<std::string> blocked = busy_lanes_;
    for (const auto& [lane, incident_id] : busy_incidents_)
        if (!conversations[incident_id].empty())
            blocked.insert("conversation:" + conversations[incident_id]);

    // Order holds per conversation: only the first pending item of each may go, and only
    // while nothing else of it is in flight. An item for an incident whose conversation
    // does not exist yet queues behind its creation.
    std::set<std::string> seen;
    std::set<std::string> waiting_turns;  // of every head read, in flight or not
    std::vector<Attempt> urgent;
    std::vector<Attempt> normal;
    auto consider = [&](store::OutboxItem& item) {
        std::string conversation = item.conversation;
        if (conversation.empty() && item.incident_id)
            conversation = conversations[*item.incident_id];
        // The store's lane, except that the incident's own lane and its conversation's are
        // one once the conversation exists: they reach the same place, in order.
        std::string lane = item.lane;
        if (item.incident_id && lane == "incident:" + std::to_string(*item.incident_id) &&
            !conversation.empty())
            lane = "conversation:" + conversation;
        if (!seen.insert(lane).second) return;
        waiting_turns.insert(turn_of(item, lane));
        // Its lane's attempt wakes the worker when it is done.
        if (busy_items_.contains(item.id) || blocked.contains(lane)) return;
        if (auto held = held_lanes_.find(lane); held != held_lanes_.end()) {
            if (held->second > now) {
                earliest(out.next, held->second);
                return;
            }
            held_lanes_.erase(held);
        }
        if (item.next_attempt_at > now) {
            earliest(out.next, item.next_attempt_at);
            return;
        }
        Attempt attempt{.item = std::move(item),
                        .conversation = std::move(conversation),
                        .lane = std::move(lane),
                        .now = now};
        attempt.urgent = attempt.item.urgent;
        attempt.counts_as_post = is_post(attempt.item) && !attempt.conversation.empty();
        if (attempt.counts_as_post && !attempt.urgent) {
            core::Timestamp allowed = pacer_->allowed_at(attempt.conversation, now);
            if (allowed > now) {
                earliest(out.next, allowed);
                return;
            }
        }
        (attempt.urgent ? urgent : normal).push_back(std::move(attempt));
    };
    for (auto& item : items) consider(item);

    // Then the oldest heads, a page at a time, until the free slots have enough to start:
    // with thousands of lanes waiting, a finished delivery costs a page, not every lane.
    bool read_all = false;
    std::int64_t after = 0;
    for (int read_heads = 0; static_cast<int>(normal.size()) < free_slots;) {
        if (read_heads >= kPassLimit) break;
        items = read(
            [&](store::Transaction& tx) { return tx.pending_heads(platform, kPageSize, after); });
        read_heads += static_cast<int>(items.size());
        if (!items.empty()) after = items.back().id;
        read_all = static_cast<int>(items.size()) < kPageSize;
        for (auto& item : items) consider(item);
        if (read_all) break;
    }
    // Some heads are unread: the next finished attempt starts another pass anyway.
    if (!read_all && free_slots <= static_cast<int>(normal.size())) out.lacked_slot = true;

    bool lacked_slot = false;
    // Urgent items first, into their reserved slots, else into a free normal one.
    for (Attempt& attempt : urgent) {
        if (urgent_in_flight_ < options_.urgent_slots) {
            attempt.urgent_slot = true;
        } else if (normal_in_flight_ >= options_.max_in_flight) {
            lacked_slot = true;
            continue;
        }
        launch(std::move(attempt), out);
    }
    // When slots are short, the incident (or conversation) served longest ago goes first,
    // then id order: ten incidents declared at once all get going, rather than the first
    // eight finishing every step before the last two start.
    auto served = [this](const Attempt& a) {
        auto it = last_started_.find(turn_of(a.item, a.lane));
        return it == last_started_.end() ? std::uint64_t{0} : it->second;
    };
    std::stable_sort(normal.begin(), normal.end(),
                     [&](const Attempt& a, const Attempt& b) { return served(a) < served(b); });
    for (Attempt& attempt : normal) {
        if (normal_in_flight_ >= options_.max_in_flight) {
            lacked_slot = true;
            break;
        }
        launch(std::move(attempt), out);
    }
    // One with nothing pending or in flight starts afresh when it has again (known only
    // when every head was read).
    if (read_all)
        std::erase_if(last_started_,
                      [&](const auto& entry) { return !waiting_turns.contains(entry.first); });
    else if (last_started_.size() > kTurnsRemembered)
        last_started_.clear();  // a long backlog: start the order afresh rather than grow
    out.lacked_slot = out.lacked_slot || lacked_slot;
    return out;
}

void OutboxWorker::launch(Attempt attempt, Dispatched& out) {
    busy_lanes_.insert(attempt.lane);
    if (attempt.lane.starts_with("incident:"))
        busy_incidents_[attempt.lane] = *attempt.item.incident_id;
    busy_items_.insert(attempt.item.id);
    last_started_[turn_of(attempt.item, attempt.lane)] = ++starts_;
    ++(attempt.urgent_slot ? urgent_in_flight_ : normal_in_flight_);
    auto result = std::make_shared<std::promise<std::optional<core::Timestamp>>>();
    out.results.push_back(result->get_future());
    pool_->post(
        [this, result, attempt = std::move(attempt)] { result->set_value(perform(attempt)); });
}

std::optional<core::Timestamp> OutboxWorker::perform(const Attempt& attempt) {
    // What every log line of this delivery concerns, as fields of the JSON log format.
    log::Fields fields;
    fields.platform = deliverer_.platform();
    fields.outbox_item = attempt.item.id;
    fields.incident = attempt.item.incident_id;
    const log::Scope log_scope(fields);
    const auto started = std::chrono::steady_clock::now();
    DeliveryOutcome outcome;
    try {
        DeliveryContext ctx(store_, attempt.item, attempt.now, &store_mutex_);
        outcome = deliverer_.deliver(attempt.item, attempt.conversation, ctx);
        fields.duration_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
    } catch (const std::exception& e) {
        // A bug or a store error in one item must not stop the others.
        outcome = DeliveryOutcome::retry(std::string("internal error: ") + e.what());
    } catch (...) {
        outcome = DeliveryOutcome::retry("internal error");
    }
    std::optional<core::Timestamp> again;
    bool recorded = false;
    try {
        std::lock_guard store_lock(store_mutex_);
        again = record(attempt.item, attempt.conversation, outcome, attempt.now);
        recorded = true;
    } catch (const std::exception& e) {
        // The store refused (disk full, locked too long): the item stays pending, and its
        // lane waits a moment rather than sending it again at once.
        spdlog::error("{} outbox item {}: cannot record the attempt: {}", deliverer_.platform(),
                      attempt.item.id, e.what());
    } catch (...) {
        spdlog::error("{} outbox item {}: cannot record the attempt", deliverer_.platform(),
                      attempt.item.id);
    }
    if (!recorded) again = attempt.now + kStoreRetry;
    {
        std::lock_guard lanes(lanes_mutex_);
        busy_lanes_.erase(attempt.lane);
        busy_incidents_.erase(attempt.lane);
        busy_items_.erase(attempt.item.id);
        --(attempt.urgent_slot ? urgent_in_flight_ : normal_in_flight_);
        if (!recorded) held_lanes_[attempt.lane] = *again;
        if (recorded && attempt.counts_as_post && outcome.kind == DeliveryOutcome::Kind::delivered)
            pacer_->posted(attempt.conversation, attempt.now);
    }
    {
        std::lock_guard lock(wake_mutex_);
        finished_ = true;
    }
    wake_.notify_all();
    return again;
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
    if (item.kind == outbox_kind::create_conversation) {
        conversation_not_created(tx, item, error, now);
    } else if (item.incident_id && deserves_notice(item)) {
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
    std::lock_guard lock(wake_mutex_);
    if (thread_.joinable() || stopping_) return;
    thread_ = std::thread([this] { run(); });
}

void OutboxWorker::poke() {
    {
        std::lock_guard lock(wake_mutex_);
        poked_ = true;
    }
    wake_.notify_all();
}

void OutboxWorker::stop() {
    {
        std::lock_guard lock(wake_mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    pool_->join();  // the attempts in flight finish and are recorded
}

void OutboxWorker::run() {
    run_this_thread_at(nice_);
    while (true) {
        std::optional<core::Timestamp> next;
        bool started = false;
        bool lacked_slot = false;
        try {
            Dispatched pass = dispatch(clock_.now());
            next = pass.next;
            started = !pass.results.empty();
            lacked_slot = pass.lacked_slot;
        } catch (const std::exception& e) {
            // The store refused (disk full, locked too long): try again shortly.
            spdlog::error("{} outbox worker: {}", deliverer_.platform(), e.what());
            next = clock_.now() + kStoreRetry;
        }
        std::unique_lock lock(wake_mutex_);
        if (stopping_) return;
        // After a pass that could start nothing (everything paced or backing off), pokes
        // are gathered for a moment, so a burst of commits costs one pass rather than one
        // each. When the slots were full, the next finished attempt ends the wait instead.
        if (!started && !lacked_slot &&
            wake_.wait_for(lock, kQuietPassGap, [this] { return stopping_; }))
            return;
        std::chrono::steady_clock::duration wait = kLongestWait;
        if (next) {
            auto until = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                *next - clock_.now());
            wait = std::clamp<std::chrono::steady_clock::duration>(until, {}, kLongestWait);
        }
        // An attempt that finishes frees its lane (and a slot): start what may follow.
        wake_.wait_for(lock, wait, [this] { return poked_ || finished_ || stopping_; });
        poked_ = false;
        finished_ = false;
        if (stopping_) return;
    }
}

}  // namespace firebreak::app
