// Names of the status page's values, and the stored form of an affects list.
#include "firebreak/core/status_page.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <utility>

namespace firebreak::core {
namespace {

constexpr std::array<std::pair<PublicStatus, std::string_view>, 4> kStatuses{{
    {PublicStatus::investigating, "investigating"},
    {PublicStatus::identified, "identified"},
    {PublicStatus::monitoring, "monitoring"},
    {PublicStatus::resolved, "resolved"},
}};

constexpr std::array<std::pair<ComponentImpact, std::string_view>, 3> kImpacts{{
    {ComponentImpact::degraded, "degraded"},
    {ComponentImpact::partial, "partial"},
    {ComponentImpact::major, "major"},
}};

}  // namespace

std::string_view to_string(PublicStatus s) {
    for (const auto& [status, name] : kStatuses)
        if (status == s) return name;
    return "investigating";
}

std::optional<PublicStatus> parse_public_status(std::string_view text) {
    for (const auto& [status, name] : kStatuses)
        if (name == text) return status;
    return std::nullopt;
}

std::string_view to_string(ComponentImpact i) {
    for (const auto& [impact, name] : kImpacts)
        if (impact == i) return name;
    return "partial";
}

std::optional<ComponentImpact> parse_component_impact(std::string_view text) {
    for (const auto& [impact, name] : kImpacts)
        if (name == text) return impact;
    return std::nullopt;
}

std::string format_utc_offset(Duration offset) {
    auto minutes = std::chrono::duration_cast<std::chrono::minutes>(offset).count();
    char sign = minutes < 0 ? '-' : '+';
    if (minutes < 0) minutes = -minutes;
    char buf[8];
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, static_cast<int>(minutes / 60),
                  static_cast<int>(minutes % 60));
    return buf;
}

std::string format_iso8601_in(Timestamp t, const TimeZone& zone) {
    const LocalOffset local = zone.at(t);
    const auto shifted = std::chrono::floor<std::chrono::seconds>(t + local.offset);
    const auto day = std::chrono::floor<std::chrono::days>(shifted);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{shifted - day};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return std::string(buf) + format_utc_offset(local.offset);
}

std::string format_public_time(Timestamp t, const TimeZone& zone) {
    return format_time(t, zone) + " (UTC" + format_utc_offset(zone.at(t).offset) + ")";
}

Date local_date(Timestamp t, const TimeZone& zone) {
    return date_of(t + zone.at(t).offset);
}

std::string format_affects(const std::vector<Affected>& affects) {
    std::string out;
    for (const auto& a : affects)
        out += (out.empty() ? "" : ",") + a.component + "=" + std::string(to_string(a.impact));
    return out;
}

std::vector<Affected> parse_affects(std::string_view text) {
    std::vector<Affected> out;
    while (!text.empty()) {
        std::size_t comma = text.find(',');
        std::string_view entry = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        std::size_t eq = entry.find('=');
        if (eq == std::string_view::npos || eq == 0) continue;
        if (auto impact = parse_component_impact(entry.substr(eq + 1)))
            out.push_back({std::string(entry.substr(0, eq)), *impact});
    }
    return out;
}

}  // namespace firebreak::core
