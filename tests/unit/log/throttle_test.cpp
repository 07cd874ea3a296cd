#include "firebreak/log/throttle.hpp"

#include <catch2/catch.hpp>

using firebreak::log::Throttle;
using namespace std::chrono_literals;

TEST_CASE("a throttled log line is said once per interval, with the count left unsaid") {
    Throttle throttle(60s);
    const Throttle::Clock::time_point t0{};
    CHECK(throttle.admit(t0) == 0u);
    for (int i = 0; i < 1000; ++i) CHECK_FALSE(throttle.admit(t0 + 1s));
    CHECK_FALSE(throttle.admit(t0 + 59s));
    CHECK(throttle.admit(t0 + 60s) == 1001u);  // said again, with what was swallowed
    CHECK_FALSE(throttle.admit(t0 + 61s));
    CHECK(throttle.admit(t0 + 200s) == 1u);
}
