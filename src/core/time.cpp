#include "firebreak/core/time.hpp"

#include <cstdio>

namespace firebreak::core {
namespace {

using std::chrono::days;
using std::chrono::floor;

std::optional<long long> parse_positive(std::string_view digits) {
    if (digits.empty() || digits.size() > 9) return std::nullopt;
    long long value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

struct Parts {
    Date date;
    long hour, minute, second;
};

Parts split(Timestamp t) {
    auto day = floor<days>(t);
    auto secs = (t - day).count();
    return {Date{day}, secs / 3600, (secs / 60) % 60, secs % 60};
}

}  // namespace

std::optional<Duration> parse_duration(std::string_view text) {
    if (text.size() < 2) return std::nullopt;
    auto number = parse_positive(text.substr(0, text.size() - 1));
    if (!number || *number == 0) return std::nullopt;
    switch (text.back()) {
        case 's':
            return Duration{*number};
        case 'm':
            return Duration{*number * 60};
        case 'h':
            return Duration{*number * 3600};
        case 'd':
            return Duration{*number * 86400};
        default:
            return std::nullopt;
    }
}

std::optional<Cadence> parse_cadence(std::string_view text) {
    if (text == "off") return Cadence{};
    auto d = parse_duration(text);
    if (!d) return std::nullopt;
    return Cadence{*d};
}

std::string format_duration(Duration d) {
    long long s = d.count();
    if (s < 0) return "-" + format_duration(Duration{-s});
    if (s == 0) return "0s";
    if (s % 86400 == 0) return std::to_string(s / 86400) + "d";
    std::string out;
    if (s >= 3600) out += std::to_string(s / 3600) + "h";
    if (s % 3600 >= 60) out += std::to_string((s % 3600) / 60) + "m";
    if (s % 60 != 0) out += std::to_string(s % 60) + "s";
    return out;
}

std::string format_cadence(const Cadence& c) {
    return c ? format_duration(*c) : "off";
}

std::string format_time(Timestamp t) {
    auto p = split(t);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02ld:%02ld UTC", int(p.date.year()),
                  unsigned(p.date.month()), unsigned(p.date.day()), p.hour, p.minute);
    return buf;
}

std::string format_clock(Timestamp t) {
    auto p = split(t);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%02ld:%02ld UTC", p.hour, p.minute);
    return buf;
}

std::string format_iso8601(Timestamp t) {
    auto p = split(t);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", int(p.date.year()),
                  unsigned(p.date.month()), unsigned(p.date.day()), p.hour, p.minute, p.second);
    return buf;
}

std::string format_compact_date(Timestamp t) {
    auto d = date_of(t);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d%02u%02u", int(d.year()), unsigned(d.month()),
                  unsigned(d.day()));
    return buf;
}

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto y = parse_positive(text.substr(0, 4));
    auto m = parse_positive(text.substr(5, 2));
    auto d = parse_positive(text.substr(8, 2));
    if (!y || !m || !d) return std::nullopt;
    Date date{std::chrono::year{int(*y)}, std::chrono::month{unsigned(*m)},
              std::chrono::day{unsigned(*d)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::string format_date(Date d) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                  unsigned(d.day()));
    return buf;
}

Date date_of(Timestamp t) {
    return Date{floor<days>(t)};
}

Date add_business_days(Date from, int n) {
    std::chrono::sys_days day{from};
    while (n > 0) {
        day += days{1};
        auto weekday = std::chrono::weekday{day};
        if (weekday != std::chrono::Saturday && weekday != std::chrono::Sunday) --n;
    }
    return Date{day};
}

}  // namespace firebreak::core
