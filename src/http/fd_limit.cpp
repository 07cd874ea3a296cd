#include "firebreak/http/fd_limit.hpp"

#include <sys/resource.h>

#include <algorithm>

namespace firebreak::http {

FdLimit raise_fd_limit() noexcept {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return {};
    FdLimit result;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) {
            limit = raised;
            result.raised = true;
        }
    }
    // RLIM_INFINITY (or a huge hard limit) fits in size_t on the platforms we build for.
    result.soft = static_cast<std::size_t>(limit.rlim_cur);
    result.hard = static_cast<std::size_t>(limit.rlim_max);
    return result;
}

std::size_t connection_cap_from_fd_limit(std::size_t soft) noexcept {
    constexpr std::size_t large_reserve = 256;
    constexpr std::size_t floor = 16;
    const std::size_t reserve = std::min(large_reserve, soft / 4);
    return std::max(floor, soft - reserve);
}

}  // namespace firebreak::http
