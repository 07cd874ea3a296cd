#pragma once
// What customers see of an incident on the public status page: its public face (public
// title, public status, the components it hits), the updates published to it, and the
// drafts shown as a preview before anything goes public. Nothing internal lives here.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firebreak/core/incident.hpp"
#include "firebreak/core/time.hpp"
#include "firebreak/core/time_zone.hpp"

namespace firebreak::core {

/// The status of an incident as Statuspage names it (reference/statuspage.md).
enum class PublicStatus { investigating, identified, monitoring, resolved };

std::string_view to_string(PublicStatus s);
std::optional<PublicStatus> parse_public_status(std::string_view text);

/// How an incident hits a component: `degraded` is Statuspage's degraded_performance,
/// `partial` its partial_outage, `major` its major_outage.
enum class ComponentImpact { degraded, partial, major };

std::string_view to_string(ComponentImpact i);
std::optional<ComponentImpact> parse_component_impact(std::string_view text);

/// A component the admins list under status_page.components.
struct StatusPageComponent {
    std::string id;  ///< "api": what `/incident affects api=partial` names
    std::string name;
    std::string description;
    std::string group;  ///< "" when in no group
    friend bool operator==(const StatusPageComponent&, const StatusPageComponent&) = default;
};

struct Affected {
    std::string component;  ///< a StatusPageComponent id
    ComponentImpact impact = ComponentImpact::partial;
    friend bool operator==(const Affected&, const Affected&) = default;
};

/// "api=partial,checkout=major": how the affects list is stored; parse_affects reads it
/// back (entries that do not parse are dropped).
std::string format_affects(const std::vector<Affected>& affects);
std::vector<Affected> parse_affects(std::string_view text);

/// An incident's public face. It exists from the first `affects`, `publish --title` or
/// publish; the incident is on the page only once `status` is set (its first update went
/// out).
struct PublicFace {
    std::int64_t incident_id = 0;
    std::string public_id;  ///< opaque, in URLs and JSON; never the incident's name
    std::string title;      ///< "" shows the incident's title
    std::optional<PublicStatus> status;
    std::vector<Affected> affects;
    /// When customers must next hear from us; nullopt when the external cadence is off or
    /// the public incident is resolved.
    std::optional<Timestamp> next_update_due;
    Timestamp created_at{};
    Timestamp updated_at{};
    std::optional<Timestamp> monitoring_at;
    std::optional<Timestamp> resolved_at;
    friend bool operator==(const PublicFace&, const PublicFace&) = default;
};

/// One customer-facing update, as published.
struct PublicUpdate {
    std::int64_t id = 0;
    std::int64_t incident_id = 0;
    PublicStatus status = PublicStatus::investigating;
    std::string body;
    UserId author;  ///< kept for the record; never shown on the page
    Timestamp posted_at{};
    std::optional<Timestamp> due_at;  ///< when it was due, for external cadence adherence
};

/// An update shown as a preview, waiting for Publish, Edit or Cancel.
struct PublishDraft {
    std::int64_t id = 0;
    std::int64_t incident_id = 0;
    PublicStatus status = PublicStatus::investigating;
    std::string body;
    UserId author;
    Timestamp created_at{};
    bool open = true;  ///< false once published or canceled
};

/// An incident as the status page shows it: its face, the title customers read (the
/// public title, else the incident's) and its updates in publishing order.
struct PublishedIncident {
    PublicFace face;
    std::string title;
    std::vector<PublicUpdate> updates;
};

/// "+01:00", "-05:30", "+00:00": an offset from UTC as ISO 8601 writes it.
std::string format_utc_offset(Duration offset);

/// "2026-11-22T14:30:00+01:00": `t` as local time in `zone`, with its offset.
std::string format_iso8601_in(Timestamp t, const TimeZone& zone);

/// "2026-11-22 14:30 CET (UTC+01:00)": how the page and customer updates show a time.
std::string format_public_time(Timestamp t, const TimeZone& zone);

/// The local date of `t` in `zone`.
Date local_date(Timestamp t, const TimeZone& zone);

/// The longest public update, in characters.
inline constexpr std::size_t kMaxPublicUpdateChars = 3000;

}  // namespace firebreak::core
