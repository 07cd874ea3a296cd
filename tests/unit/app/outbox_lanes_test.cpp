// The outbox worker's delivery lanes: concurrent across conversations, ordered within one,
// bounded, paced per conversation, with a lane for urgent items. A fake deliverer holds a
// conversation's calls until the test releases them; nothing here sleeps.
#include <sys/resource.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "fakes/manual_clock.hpp"
#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/app/outbox_worker.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using namespace std::chrono_literals;
using app::DeliveryOutcome;

namespace {

core::Timestamp t0() {
    return core::Timestamp{core::Duration{1'795'341'600}};
}

/// Records every call; holds the calls to a blocked conversation until it is released;
/// answers with scripted outcomes by payload.
class GatedDeliverer final : public app::OutboxDeliverer {
  public:
    struct Call {
        std::string conversation;
        std::string payload;
        core::Timestamp at;  // the attempt's time
        int nice = 0;        // the delivering thread's nice value
    };

    DeliveryOutcome deliver(const store::OutboxItem& item, const std::string& conversation,
                            app::DeliveryContext& ctx) override {
        std::unique_lock lock(mutex_);
        const int nice = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
        started_.push_back({conversation, item.payload, ctx.now(), nice});
        peak_ = std::max(peak_, ++in_flight_);
        changed_.notify_all();
        changed_.wait(lock, [&] { return !blocked_.contains(conversation); });
        --in_flight_;
        finished_.push_back({conversation, item.payload, ctx.now(), nice});
        changed_.notify_all();
        if (auto s = scripts_.find(item.payload); s != scripts_.end() && !s->second.empty()) {
            DeliveryOutcome outcome = s->second.front();
            s->second.pop_front();
            return outcome;
        }
        return DeliveryOutcome::delivered();
    }
    std::string_view platform() const override { return "fake"; }
    app::Pacing pacing() const override { return pacing_; }

    void set_pacing(app::Pacing pacing) { pacing_ = std::move(pacing); }
    void script(const std::string& payload, DeliveryOutcome outcome) {
        std::lock_guard lock(mutex_);
        scripts_[payload].push_back(std::move(outcome));
    }
    void block(const std::string& conversation) {
        std::lock_guard lock(mutex_);
        blocked_.insert(conversation);
    }
    void release(const std::string& conversation) {
        {
            std::lock_guard lock(mutex_);
            blocked_.erase(conversation);
        }
        changed_.notify_all();
    }
    void release_all() {
        {
            std::lock_guard lock(mutex_);
            blocked_.clear();
        }
        changed_.notify_all();
    }

    /// Waits (at most 10 s) until `done(*this)` holds, checked under the lock.
    template <class Pred>
    bool wait_until(Pred done) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, 10s, [&] { return done(*this); });
    }

    // Under the lock, from wait_until's predicate, or once the worker is idle:
    int in_flight() const { return in_flight_; }
    int peak() const { return peak_; }
    const std::vector<Call>& started() const { return started_; }
    const std::vector<Call>& finished() const { return finished_; }
    bool has_started(const std::string& payload) const { return contains(started_, payload); }
    bool has_finished(const std::string& payload) const { return contains(finished_, payload); }
    /// The payloads finished in `conversation`, in order.
    std::vector<std::string> finished_in(const std::string& conversation) const {
        std::vector<std::string> out;
        for (const auto& c : finished_)
            if (c.conversation == conversation) out.push_back(c.payload);
        return out;
    }

    /// For reading the records once the worker is idle.
    std::unique_lock<std::mutex> lock() { return std::unique_lock(mutex_); }

  private:
    static bool contains(const std::vector<Call>& calls, const std::string& payload) {
        return std::any_of(calls.begin(), calls.end(),
                           [&](const Call& c) { return c.payload == payload; });
    }

    app::Pacing pacing_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::set<std::string> blocked_;
    std::map<std::string, std::deque<DeliveryOutcome>> scripts_;
    std::vector<Call> started_;
    std::vector<Call> finished_;
    int in_flight_ = 0;
    int peak_ = 0;
};

/// A file database with the test's connection and the worker's own, as `serve` has them.
struct LanesFixture {
    firebreak::testing::TempDir dir;
    fakes::ManualClock clock{t0()};
    store::Store store{{dir.file("firebreak.db"), "normal"}};
    store::Store worker_store{{dir.file("firebreak.db"), "normal"}};
    GatedDeliverer deliverer;

    LanesFixture() { store.migrate(); }
    /// Whatever a test left blocked goes, so that a worker's stop() can return.
    ~LanesFixture() { deliverer.release_all(); }

    /// A post (or `kind`) of `payload` to `conversation`, due now.
    store::OutboxItem item(const std::string& conversation, const std::string& payload,
                           std::string_view kind = app::outbox_kind::post) const {
        store::OutboxItem out;
        out.platform = "fake";
        out.conversation = conversation;
        out.kind = std::string(kind);
        out.payload = payload;
        out.urgent = payload.starts_with("urgent");  // as the front door marks forms
        out.created_at = clock.now();
        out.next_attempt_at = clock.now();
        return out;
    }

    /// Queues the first post of conversations C0 … C<count-1>, in one transaction;
    /// `due(c)` says when C<c>'s may go.
    template <class Due>
    void enqueue_conversations(int count, Due due) {
        auto tx = store.begin();
        for (int c = 0; c < count; ++c) {
            std::string conversation = "C" + std::to_string(c);
            store::OutboxItem first = item(conversation, conversation + "-0");
            first.next_attempt_at = due(c);
            tx.enqueue(first);
        }
        tx.commit();
    }

    void enqueue(const std::string& conversation, const std::string& payload,
                 std::string_view kind = app::outbox_kind::post) {
        store::OutboxItem queued = item(conversation, payload, kind);
        auto tx = store.begin();
        tx.enqueue(queued);
        tx.commit();
    }

    std::size_t pending() {
        auto tx = store.read();
        return static_cast<std::size_t>(tx.outbox_depth());
    }

    /// Runs passes at the clock's time until nothing more may go now; the number of passes.
    int drain(app::OutboxWorker& worker) {
        for (int pass = 1; pass <= 100; ++pass) {
            auto next = worker.deliver_due();
            if (!next || *next > clock.now()) return pass;
        }
        FAIL("the outbox did not settle in 100 passes");
        return 0;
    }

    /// Runs passes, moving the clock to each next due time, until the outbox is empty.
    void settle(app::OutboxWorker& worker) {
        for (int pass = 0; pass < 1000; ++pass) {
            auto next = worker.deliver_due();
            if (!next) return;
            if (*next > clock.now()) clock.set(*next);
        }
        FAIL("the outbox did not settle in 1000 passes");
    }
};

app::OutboxWorkerOptions with_in_flight(int normal, int urgent = 2) {
    app::OutboxWorkerOptions options;
    options.max_in_flight = normal;
    options.urgent_slots = urgent;
    options.jitter_seed = 1;
    return options;
}

std::string name(const std::string& conversation, int i) {
    return conversation + "-" + std::to_string(i);
}

}  // namespace

TEST_CASE_METHOD(LanesFixture, "ten conversations deliver concurrently while each stays in order") {
    std::vector<std::string> conversations;
    for (int c = 0; c < 10; ++c) conversations.push_back("C" + std::to_string(c));
    for (int i = 0; i < 3; ++i)
        for (const auto& c : conversations) enqueue(c, name(c, i));
    for (const auto& c : conversations) deliverer.block(c);
    app::OutboxWorker worker(worker_store, clock, deliverer, with_in_flight(10));

    // The first pass starts every conversation's first item at once.
    std::thread pass([&] { worker.deliver_due(); });
    CHECK(deliverer.wait_until([](const GatedDeliverer& d) { return d.in_flight() == 10; }));
    deliverer.release_all();
    pass.join();
    CHECK(drain(worker) == 3);  // the second and third items, then nothing more may go

    CHECK(pending() == 0);
    auto lock = deliverer.lock();
    CHECK(deliverer.peak() == 10);
    CHECK(deliverer.finished().size() == 30);
    for (const auto& c : conversations)
        CHECK(deliverer.finished_in(c) ==
              std::vector<std::string>{name(c, 0), name(c, 1), name(c, 2)});
}

TEST_CASE_METHOD(LanesFixture, "deliveries run at a lower priority than the thread answering") {
    const int own = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
    for (int niceness : {3, 0}) {
        CAPTURE(niceness);
        const std::string tag = std::to_string(niceness);
        enqueue("A" + tag, "a-" + tag);
        enqueue("B" + tag, "b-" + tag);
        app::OutboxWorkerOptions options = with_in_flight(4);
        options.niceness = niceness;
        app::OutboxWorker worker(worker_store, clock, deliverer, options);
        worker.start();
        CHECK(deliverer.wait_until([&](const GatedDeliverer& d) {
            return d.has_finished("a-" + tag) && d.has_finished("b-" + tag);
        }));
        worker.stop();
        auto lock = deliverer.lock();
        for (const auto& call : deliverer.finished())
            if (call.payload.ends_with(tag)) CHECK(call.nice == std::min(own + niceness, 19));
    }
    // The test's own thread is left as it was.
    CHECK(::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid())) == own);
}

TEST_CASE_METHOD(LanesFixture, "a stalled conversation delays no other conversation") {
    deliverer.block("A");
    enqueue("A", "A-0");
    enqueue("A", "A-1");
    for (int i = 0; i < 3; ++i) enqueue("B", name("B", i));
    app::OutboxWorker worker(worker_store, clock, deliverer, with_in_flight(8));
    worker.start();

    CHECK(deliverer.wait_until([](const GatedDeliverer& d) { return d.has_finished("B-2"); }));
    {
        auto lock = deliverer.lock();
        CHECK(deliverer.finished_in("B") == std::vector<std::string>{"B-0", "B-1", "B-2"});
        CHECK(deliverer.has_started("A-0"));
        CHECK_FALSE(deliverer.has_finished("A-0"));  // still held while B went
        CHECK_FALSE(deliverer.has_started("A-1"));   // and A keeps its order
    }
    deliverer.release("A");
    CHECK(deliverer.wait_until([](const GatedDeliverer& d) { return d.has_finished("A-1"); }));
    worker.stop();
    CHECK(pending() == 0);
}

TEST_CASE_METHOD(LanesFixture,
                 "an urgent item goes out while every normal slot is blocked and its "
                 "conversation is paced") {
    deliverer.set_pacing(app::Pacing{{app::PacingRule{1, 1s}}});
    app::OutboxWorker worker(worker_store, clock, deliverer, with_in_flight(2, 1));
    enqueue("C", "C-0");
    drain(worker);  // C has just had a post: another waits a second (the clock stands still)
    enqueue("C", "C-1");
    CHECK(worker.deliver_due() == clock.now() + 1s);
    clock.advance(1s);
    drain(worker);  // C-1 goes; C is paced again

    deliverer.block("A");
    deliverer.block("B");
    enqueue("A", "A-0");
    enqueue("B", "B-0");
    enqueue("D", "D-0");
    enqueue("C", "urgent-C");  // queued after D, yet it goes first
    worker.start();
    CHECK(deliverer.wait_until(
        [](const GatedDeliverer& d) { return d.in_flight() == 2 && d.has_finished("urgent-C"); }));
    {
        auto lock = deliverer.lock();
        CHECK(deliverer.has_started("A-0"));
        CHECK(deliverer.has_started("B-0"));
        CHECK_FALSE(deliverer.has_started("D-0"));  // no normal slot is free
        const auto& calls = deliverer.finished();
        CHECK(calls[1].payload == "C-1");
        CHECK(calls[2].payload == "urgent-C");
        CHECK(calls[2].at == calls[1].at);  // in the same second: pacing did not hold it
    }
    deliverer.release_all();
    CHECK(deliverer.wait_until([](const GatedDeliverer& d) { return d.has_finished("D-0"); }));
    worker.stop();
    CHECK(pending() == 0);
}

TEST_CASE_METHOD(LanesFixture, "a retry in one conversation holds only that conversation") {
    deliverer.script("A-0", DeliveryOutcome::retry("rate limited", 30s));
    enqueue("A", "A-0");
    enqueue("A", "A-1");
    enqueue("B", "B-0");
    enqueue("B", "B-1");
    app::OutboxWorker worker(worker_store, clock, deliverer, with_in_flight(8));

    drain(worker);
    CHECK(worker.deliver_due() == t0() + 30s);  // A comes back as it was told, B is done
    {
        auto lock = deliverer.lock();
        CHECK(deliverer.finished_in("B") == std::vector<std::string>{"B-0", "B-1"});
        CHECK(deliverer.finished_in("A") == std::vector<std::string>{"A-0"});
    }
    clock.advance(29s);
    drain(worker);
    {
        auto lock = deliverer.lock();
        CHECK(deliverer.finished_in("A").size() == 1);
    }
    clock.advance(1s);
    drain(worker);
    auto lock = deliverer.lock();
    CHECK(deliverer.finished_in("A") == std::vector<std::string>{"A-0", "A-0", "A-1"});
    CHECK(pending() == 0);
}

TEST_CASE_METHOD(LanesFixture, "no more than max_in_flight calls are out at once") {
    for (int c = 0; c < 12; ++c) {
        std::string conversation = "C" + std::to_string(c);
        deliverer.block(conversation);
        enqueue(conversation, name(conversation, 0));
        enqueue(conversation, name(conversation, 1));
    }
    app::OutboxWorker worker(worker_store, clock, deliverer, with_in_flight(4));
    worker.start();
    CHECK(deliverer.wait_until([](const GatedDeliverer& d) { return d.in_flight() == 4; }));
    {
        auto lock = deliverer.lock();
        CHECK(deliverer.started().size() == 4);
    }
    deliverer.release_all();
    CHECK(deliverer.wait_until([](const GatedDeliverer& d) { return d.finished().size() == 24; }));
    worker.stop();
    auto lock = deliverer.lock();
    CHECK(deliverer.peak() == 4);
}

TEST_CASE_METHOD(LanesFixture, "every pacing rule of several windows holds for a conversation") {
    // At most 2 posts in any second and 3 in any 10 seconds.
    deliverer.set_pacing(app::Pacing{{app::PacingRule{2, 1s}, app::PacingRule{3, 10s}}});
    for (int i = 0; i < 6; ++i) enqueue("C", name("C", i));
    enqueue("D", "D-0", app::outbox_kind::set_topic);  // not a post: never paced
    app::OutboxWorker worker(worker_store, clock, deliverer, with_in_flight(8));
    settle(worker);

    auto lock = deliverer.lock();
    std::vector<long long> seconds;
    for (const auto& call : deliverer.finished())
        if (call.conversation == "C") seconds.push_back((call.at - t0()).count());
    CHECK(seconds == std::vector<long long>{0, 0, 1, 10, 10, 11});
    CHECK(deliverer.finished_in("D").size() == 1);
}

TEST_CASE_METHOD(LanesFixture, "stop() finishes the attempts in flight and records them") {
    deliverer.block("A");
    enqueue("A", "A-0");
    app::OutboxWorker worker(worker_store, clock, deliverer, with_in_flight(8));
    worker.start();
    REQUIRE(deliverer.wait_until([](const GatedDeliverer& d) { return d.has_started("A-0"); }));
    std::thread stopping([&] { worker.stop(); });
    deliverer.release("A");
    stopping.join();
    CHECK(pending() == 0);
}

TEST_CASE_METHOD(LanesFixture,
                 "when slots are short the conversation served longest ago goes first") {
    for (const char* c : {"A", "B"})
        for (int i = 0; i < 3; ++i) enqueue(c, name(c, i));
    enqueue("C", "C-0");  // queued last, waiting since the first pass
    app::OutboxWorker worker(worker_store, clock, deliverer, with_in_flight(2));

    CHECK(worker.deliver_due() == clock.now());  // A-0 and B-0; C had no slot
    CHECK(worker.deliver_due() == clock.now());  // C-0 before B-1 although queued after it
    auto lock = deliverer.lock();
    std::vector<std::string> order;
    for (const auto& call : deliverer.finished()) order.push_back(call.payload);
    REQUIRE(order.size() == 4);
    CHECK(std::set<std::string>(order.begin() + 2, order.end()) ==
          std::set<std::string>{"C-0", "A-1"});
}

TEST_CASE_METHOD(LanesFixture, "an urgent item behind more lanes than a pass reads still goes") {
    // 2,100 conversations wait, more than a pass looks at, and both normal slots are held.
    enqueue_conversations(2100, [&](int) { return clock.now(); });
    for (int c = 0; c < 2100; ++c) deliverer.block("C" + std::to_string(c));
    enqueue("Z", "urgent-Z");  // the 2,101st lane
    app::OutboxWorker worker(worker_store, clock, deliverer, with_in_flight(2, 1));
    worker.start();
    CHECK(deliverer.wait_until(
        [](const GatedDeliverer& d) { return d.in_flight() == 2 && d.has_finished("urgent-Z"); }));
    {
        auto lock = deliverer.lock();
        CHECK(deliverer.started().size() == 3);  // C0-0 and C1-0, the oldest, and the urgent one
        CHECK(deliverer.has_started("C0-0"));
        CHECK(deliverer.has_started("C1-0"));
    }
    deliverer.release_all();
    worker.stop();  // the two in flight finish; the rest stays queued
    CHECK(pending() <= 2099);
}

TEST_CASE_METHOD(LanesFixture, "a pass reads past a page of heads that cannot go yet") {
    // The 100 oldest lanes are backing off for an hour; the 20 after them may go now.
    enqueue_conversations(120, [&](int c) { return c < 100 ? clock.now() + 1h : clock.now(); });
    app::OutboxWorker worker(worker_store, clock, deliverer, with_in_flight(8));
    CHECK(drain(worker) >= 3);                        // 20 due items in passes of at most 8
    CHECK(worker.deliver_due() == clock.now() + 1h);  // what is left is the hour's
    CHECK(pending() == 100);
    auto lock = deliverer.lock();
    CHECK(deliverer.finished().size() == 20);
    CHECK(deliverer.has_finished("C100-0"));
    CHECK(deliverer.has_finished("C119-0"));
}
