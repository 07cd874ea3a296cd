#include <charconv>
#include <cstdint>
#include <utility>

#include "firebreak/app/postmortem.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::app {
namespace {

/// The id when `text` is a positive decimal number and nothing else.
std::optional<std::int64_t> as_id(std::string_view text) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) return std::nullopt;
    return id;
}

}  // namespace

std::optional<IncidentRecord> load_record(store::Transaction& tx, std::string_view id_or_name) {
    std::optional<core::Incident> incident;
    if (const auto id = as_id(id_or_name)) incident = tx.incident(*id);
    if (!incident && !id_or_name.empty()) incident = tx.incident_by_name(std::string(id_or_name));
    if (!incident) return std::nullopt;
    const std::int64_t id = incident->id;
    return IncidentRecord{.incident = std::move(*incident),
                          .timeline = tx.timeline(id),
                          .decisions = tx.decisions(id),
                          .status_updates = tx.status_updates(id),
                          .action_items = tx.action_items(id),
                          .workstreams = tx.workstreams(id),
                          .checklist_ticks = tx.checklist_ticks(id)};
}

}  // namespace firebreak::app
