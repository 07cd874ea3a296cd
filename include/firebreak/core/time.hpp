#pragma once
// Time values used throughout the domain. core never reads a clock: `now` is passed in.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace firebreak::core {

using Timestamp = std::chrono::sys_seconds;
using Duration = std::chrono::seconds;
using Date = std::chrono::year_month_day;

/// A configured interval that may be switched off; nullopt means "off".
using Cadence = std::optional<Duration>;

/// Parses "90s", "15m", "2h", "3d" (a positive whole number and one unit).
/// Returns nullopt for anything else, including "0m" and "off".
std::optional<Duration> parse_duration(std::string_view text);

/// Parses a duration or "off". The outer optional is empty when the text is invalid.
std::optional<Cadence> parse_cadence(std::string_view text);

/// "45s", "15m", "2h", "1h30m", "3d": the shortest exact spelling.
std::string format_duration(Duration d);

/// "off" or format_duration().
std::string format_cadence(const Cadence& c);

/// "2026-11-22 20:47 UTC": what people read in chat.
std::string format_time(Timestamp t);

/// "20:47 UTC" when only the time of day matters ("next update at 21:02 UTC").
std::string format_clock(Timestamp t);

/// "2026-11-22T20:47:51Z".
std::string format_iso8601(Timestamp t);

/// "20261122", used in incident names.
std::string format_compact_date(Timestamp t);

/// Parses "YYYY-MM-DD" into a valid calendar date.
std::optional<Date> parse_date(std::string_view text);

/// "YYYY-MM-DD".
std::string format_date(Date d);

/// The calendar day (UTC) a timestamp falls on.
Date date_of(Timestamp t);

/// The day `n` business days (Monday to Friday) after `from`: Friday + 1 is Monday.
Date add_business_days(Date from, int n);

}  // namespace firebreak::core
