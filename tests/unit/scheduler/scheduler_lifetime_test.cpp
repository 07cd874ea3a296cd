// The scheduler on a real io_context and store: a store that refuses must not end
// ioc.run(), and a destroyed scheduler's queued completions must do nothing.
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <catch2/catch.hpp>
#include <memory>

#include "fakes/manual_clock.hpp"
#include "firebreak/app/front_door.hpp"
#include "firebreak/app/incident_service.hpp"
#include "firebreak/scheduler/reminder_scheduler.hpp"
#include "firebreak/store/store.hpp"
#include "support/inbound.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace firebreak;
using namespace std::chrono_literals;

/// A store on a file of its own, with one incident whose reminders are a day overdue.
struct OverdueStore {
    testing::TempDir dir;
    std::string path = dir.file("fb.db");
    store::Store store{{path, "normal"}};
    fakes::ManualClock clock{core::Timestamp{core::Duration{1'795'341'600}}};
    app::IncidentService service{store, clock, app::ServiceSettings{}};

    OverdueStore() {
        store.migrate();
        app::FrontDoor front_door(service, store, clock);
        app::PlatformProfile console;
        console.name = "console";
        front_door.add_platform(console);
        front_door.handle(
            testing::typed_command("console", "general", "alice", "declare Checkout down sev1"));
        clock.advance(std::chrono::hours{24});
    }

    /// From another connection, as an operator's mistake or a corrupt file would: every
    /// read of the reminders fails from now on.
    void break_reminders() {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        CHECK(sqlite3_exec(db, "DROP TABLE reminders", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
};

/// Collects what is logged while it lives.
struct CapturedLog {
    std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink =
        std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(32);
    std::shared_ptr<spdlog::logger> previous = spdlog::default_logger();

    CapturedLog() { spdlog::set_default_logger(std::make_shared<spdlog::logger>("test", sink)); }
    ~CapturedLog() { spdlog::set_default_logger(previous); }

    bool contains(const std::string& text) const {
        for (const auto& line : sink->last_formatted())
            if (line.find(text) != std::string::npos) return true;
        return false;
    }
};

}  // namespace

TEST_CASE("a store that refuses the next due time is logged and retried, not thrown out of run") {
    OverdueStore s;
    boost::asio::io_context ioc;
    scheduler::ReminderScheduler reminders(ioc, s.service, s.clock);
    reminders.poke();  // the reminders are overdue: the timer expires at once
    s.break_reminders();

    CapturedLog log;
    CHECK_NOTHROW(ioc.poll());
    CHECK(log.contains("reminder scheduler"));
    // It waits to try again: stopping cancels exactly one pending wait.
    CHECK_FALSE(ioc.stopped());
    reminders.stop();
    CHECK(ioc.poll() == 1);
    CHECK(ioc.stopped());
}

TEST_CASE("start and poke on a store that refuses do not throw") {
    OverdueStore s;
    s.break_reminders();
    boost::asio::io_context ioc;
    scheduler::ReminderScheduler reminders(ioc, s.service, s.clock);
    CapturedLog log;
    CHECK_NOTHROW(reminders.start());
    CHECK_NOTHROW(reminders.poke());
    reminders.stop();
    CHECK_NOTHROW(ioc.run());
}

TEST_CASE("a scheduler destroyed with its completion already queued is not touched") {
    OverdueStore s;
    boost::asio::io_context ioc;
    // Expires first, so its handler runs while the scheduler's is already queued.
    boost::asio::steady_timer earlier(ioc, std::chrono::steady_clock::now() - 1h);
    auto reminders = std::make_unique<scheduler::ReminderScheduler>(ioc, s.service, s.clock);
    reminders->poke();
    earlier.async_wait([&](const boost::system::error_code&) { reminders.reset(); });
    CHECK_NOTHROW(ioc.run());  // under ASan, a use after free fails here
    CHECK(reminders == nullptr);
}

TEST_CASE("a scheduler destroyed with its wait pending is not touched") {
    OverdueStore s;
    boost::asio::io_context ioc;
    auto reminders = std::make_unique<scheduler::ReminderScheduler>(ioc, s.service, s.clock);
    reminders->start();
    reminders.reset();
    CHECK_NOTHROW(ioc.run());
}
