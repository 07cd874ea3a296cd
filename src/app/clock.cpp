#include "firebreak/app/clock.hpp"

namespace firebreak::app {

core::Timestamp SystemClock::now() const {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::chrono::system_clock::time_point SystemClock::precise_now() const {
    return std::chrono::system_clock::now();
}

core::Timestamp OffsetClock::now() const {
    return base_.now() + offset();
}

}  // namespace firebreak::app
