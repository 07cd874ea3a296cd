#pragma once
// A time zone as data: its UTC offsets over time, so local times can be shown without
// the C library's global TZ state (and without std::chrono::tzdb, which GCC 12 lacks).
// config reads the zone's TZif file; core only converts.
//
// Daylight saving time is handled: a zone is its recorded transitions (the TZif table)
// and, after the last of them, the POSIX TZ rule the file ends with, such as
// "CET-1CEST,M3.5.0,M10.5.0/3", which gives every later year's switches.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firebreak/core/time.hpp"

namespace firebreak::core {

/// The offset from UTC in force at some instant, and its abbreviation ("CEST").
struct LocalOffset {
    Duration offset{};  ///< local time minus UTC: +7200s for CEST
    std::string abbreviation;
    friend bool operator==(const LocalOffset&, const LocalOffset&) = default;
};

/// A POSIX TZ string's rule: standard time, and optionally daylight saving time with the
/// days it starts and ends.
struct PosixZoneRule {
    LocalOffset standard;
    std::optional<LocalOffset> daylight;
    /// When DST starts and ends in a year: "M3.5.0/3", "J60", "59"; set when daylight is.
    std::string start_rule;
    std::string end_rule;
};

/// Parses a POSIX TZ string ("EST5EDT,M3.2.0,M11.1.0", "<+0530>-5:30", "UTC0").
/// nullopt when malformed.
std::optional<PosixZoneRule> parse_posix_zone_rule(std::string_view text);

class TimeZone {
  public:
    struct Transition {
        Timestamp at{};  ///< from this instant on
        LocalOffset local;
    };

    /// UTC itself: offset zero, abbreviation "UTC".
    static TimeZone utc();

    /// `initial` applies before the first transition; `transitions` must be in time order;
    /// `rule`, when given, applies after the last transition.
    TimeZone(std::string name, LocalOffset initial, std::vector<Transition> transitions,
             std::optional<PosixZoneRule> rule);

    /// The IANA name: "Europe/Berlin".
    const std::string& name() const { return name_; }

    /// The offset in force at `t`.
    LocalOffset at(Timestamp t) const;

  private:
    std::string name_;
    LocalOffset initial_;
    std::vector<Transition> transitions_;
    std::optional<PosixZoneRule> rule_;
};

/// "2026-11-22 21:47 CET": `t` as local time in `zone`, with the zone's abbreviation.
std::string format_time(Timestamp t, const TimeZone& zone);

/// "21:47 CET".
std::string format_clock(Timestamp t, const TimeZone& zone);

}  // namespace firebreak::core
