#pragma once
// Reads an IANA time zone from the system's zoneinfo database (TZif files, RFC 8536) into
// the core::TimeZone value that core converts with.

#include <string>
#include <string_view>
#include <variant>

#include "firebreak/core/time_zone.hpp"

namespace firebreak::config::detail {

/// Where the zoneinfo database lives on Debian, Alpine and most other systems.
inline constexpr const char* kZoneInfoDir = "/usr/share/zoneinfo";

/// The zone from TZif file contents; the reason when they are not a valid TZif file.
std::variant<core::TimeZone, std::string> parse_tzif(const std::string& name,
                                                     std::string_view bytes);

/// The zone named `name` ("Europe/Berlin") read from `dir`; "UTC" needs no file. On
/// failure, why: "no such zone", "not a TZif file", ….
/// (No <filesystem> here: it would bring std::quoted into validate.cpp's unqualified calls.)
std::variant<core::TimeZone, std::string> load_time_zone(const std::string& name,
                                                         const std::string& dir = kZoneInfoDir);

}  // namespace firebreak::config::detail
