#pragma once
// Incident statuses. The allowed moves between them live in transitions.hpp.

#include <optional>
#include <string_view>

namespace firebreak::core {

/// investigating → mitigating → monitoring → resolved → closed, plus canceled.
/// `monitoring` is "mitigated": impact is reduced and the watch period runs.
enum class Status { investigating, mitigating, monitoring, resolved, closed, canceled };

std::string_view to_string(Status s);
std::optional<Status> parse_status(std::string_view text);

/// Live incidents are the ones still being worked: investigating, mitigating, monitoring.
constexpr bool is_live(Status s) {
    return s == Status::investigating || s == Status::mitigating || s == Status::monitoring;
}

}  // namespace firebreak::core
