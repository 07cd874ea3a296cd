#include "firebreak/core/transitions.hpp"

#include <array>

namespace firebreak::core {
namespace {

struct Move {
    Status from;
    Status to;
};

// The one table of allowed status moves. Skipping forward is allowed; going back from a
// mitigation that did not hold is allowed; resolved goes back only through reopen.
constexpr std::array kMoves{
    Move{Status::investigating, Status::mitigating},
    Move{Status::investigating, Status::monitoring},
    Move{Status::investigating, Status::resolved},
    Move{Status::investigating, Status::canceled},
    Move{Status::mitigating, Status::investigating},
    Move{Status::mitigating, Status::monitoring},
    Move{Status::mitigating, Status::resolved},
    Move{Status::mitigating, Status::canceled},
    Move{Status::monitoring, Status::investigating},
    Move{Status::monitoring, Status::mitigating},
    Move{Status::monitoring, Status::resolved},
    Move{Status::monitoring, Status::canceled},
    Move{Status::resolved, Status::investigating},
    Move{Status::resolved, Status::closed},
};

}  // namespace

std::optional<std::string> transition_refusal(Status from, Status to) {
    if (from == to) return "The incident is already " + std::string(to_string(to)) + ".";
    for (const Move& m : kMoves)
        if (m.from == from && m.to == to) return std::nullopt;
    std::string now = std::string(to_string(from));
    switch (to) {
        case Status::monitoring:
        case Status::mitigating:
            return "Only a live incident can be mitigated; this one is " + now + ".";
        case Status::resolved:
            return "Only a live incident can be resolved; this one is " + now + ".";
        case Status::investigating:
            return "Only a resolved incident can be reopened; this one is " + now + ".";
        case Status::canceled:
            return "Only a live incident can be canceled; this one is " + now + ".";
        case Status::closed:
            return "Only a resolved incident can be closed; this one is " + now + ".";
    }
    return "That status change is not allowed.";
}

void enter_status(Incident& incident, Status to, Timestamp now) {
    auto& m = incident.milestones;
    Status from = incident.status;
    incident.status = to;
    switch (to) {
        case Status::investigating:
        case Status::mitigating:
            // Back from monitoring or resolved: the mitigation did not hold, so it will be
            // stamped again when impact is really reduced (MTTM counts the one that held).
            if (from == Status::resolved) m.resolved_at.reset();
            if (from == Status::monitoring || from == Status::resolved) m.mitigated_at.reset();
            break;
        case Status::monitoring:
            if (!m.mitigated_at) m.mitigated_at = now;
            break;
        case Status::resolved:
            if (!m.mitigated_at) m.mitigated_at = now;
            m.resolved_at = now;
            break;
        case Status::closed:
            m.closed_at = now;
            break;
        case Status::canceled:
            m.canceled_at = now;
            break;
    }
}

}  // namespace firebreak::core
