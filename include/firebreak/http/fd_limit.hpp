#pragma once
// How many connections the process's file-descriptor limit allows.

#include <cstddef>

namespace firebreak::http {

struct FdLimit {
    std::size_t soft = 0;  // RLIMIT_NOFILE after raise_fd_limit()
    std::size_t hard = 0;
    bool raised = false;  // the soft limit was below the hard one and is now at it
};

/// Raises RLIMIT_NOFILE's soft limit to its hard limit (what an unprivileged process may do)
/// and reports both. When the limit cannot be read, soft and hard are 0.
FdLimit raise_fd_limit() noexcept;

/// The public listener's connection cap for `soft` descriptors: all of them but a reserve
/// for the database, outbound HTTPS, the admin listener and logs (a quarter of a small
/// limit, 256 of a large one), and at least 16.
std::size_t connection_cap_from_fd_limit(std::size_t soft) noexcept;

}  // namespace firebreak::http
