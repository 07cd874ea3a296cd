#include "firebreak/core/time_zone.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <utility>

namespace firebreak::core {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::sys_days;

/// A day of the year a POSIX rule names, and the local time of the switch.
struct DayRule {
    enum Kind { julian_no_leap, zero_based, month_week_day } kind = month_week_day;
    int a = 0, b = 0, c = 0;  ///< Jn: n; n: n; Mm.w.d: m, w, d
    Duration time = hours{2};
};

/// Reads a number of at most `max_digits` digits at `pos`.
std::optional<int> number(std::string_view s, std::size_t& pos, int max_digits) {
    int value = 0, digits = 0;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])) &&
           digits < max_digits) {
        value = value * 10 + (s[pos++] - '0');
        ++digits;
    }
    if (digits == 0) return std::nullopt;
    return value;
}

/// [+-]hh[:mm[:ss]], hours up to 167 (RFC 8536's extension for rule times).
std::optional<Duration> signed_hms(std::string_view s, std::size_t& pos) {
    int sign = 1;
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) sign = s[pos++] == '-' ? -1 : 1;
    auto h = number(s, pos, 3);
    if (!h || *h > 167) return std::nullopt;
    long total = *h * 3600L;
    for (int unit : {60, 1}) {
        if (pos >= s.size() || s[pos] != ':') break;
        ++pos;
        auto part = number(s, pos, 2);
        if (!part || *part > 59) return std::nullopt;
        total += *part * unit;
    }
    return Duration{sign * total};
}

/// An abbreviation: three or more letters, or <...> of letters, digits, + and -.
std::optional<std::string> zone_name(std::string_view s, std::size_t& pos) {
    std::string out;
    if (pos < s.size() && s[pos] == '<') {
        std::size_t close = s.find('>', pos);
        if (close == std::string_view::npos) return std::nullopt;
        out = std::string(s.substr(pos + 1, close - pos - 1));
        pos = close + 1;
    } else {
        while (pos < s.size() && std::isalpha(static_cast<unsigned char>(s[pos]))) out += s[pos++];
    }
    if (out.size() < 3) return std::nullopt;
    return out;
}

std::optional<DayRule> parse_day_rule(std::string_view s) {
    DayRule rule;
    std::size_t pos = 0;
    if (s.starts_with('M')) {
        pos = 1;
        auto m = number(s, pos, 2);
        if (!m || pos >= s.size() || s[pos++] != '.') return std::nullopt;
        auto w = number(s, pos, 1);
        if (!w || pos >= s.size() || s[pos++] != '.') return std::nullopt;
        auto d = number(s, pos, 1);
        if (!d || *m < 1 || *m > 12 || *w < 1 || *w > 5 || *d > 6) return std::nullopt;
        rule = DayRule{DayRule::month_week_day, *m, *w, *d, hours{2}};
    } else if (s.starts_with('J')) {
        pos = 1;
        auto n = number(s, pos, 3);
        if (!n || *n < 1 || *n > 365) return std::nullopt;
        rule = DayRule{DayRule::julian_no_leap, *n, 0, 0, hours{2}};
    } else {
        auto n = number(s, pos, 3);
        if (!n || *n > 365) return std::nullopt;
        rule = DayRule{DayRule::zero_based, *n, 0, 0, hours{2}};
    }
    if (pos < s.size()) {
        if (s[pos++] != '/') return std::nullopt;
        auto time = signed_hms(s, pos);
        if (!time) return std::nullopt;
        rule.time = *time;
    }
    if (pos != s.size()) return std::nullopt;
    return rule;
}

/// The local midnight (as if it were UTC) of the rule's day in `year`.
sys_days rule_day(const DayRule& rule, std::chrono::year year) {
    using namespace std::chrono;
    const sys_days jan1{year / January / 1};
    switch (rule.kind) {
        case DayRule::julian_no_leap:
            return jan1 + days{rule.a - 1 + (year.is_leap() && rule.a >= 60 ? 1 : 0)};
        case DayRule::zero_based:
            return jan1 + days{rule.a};
        case DayRule::month_week_day:
            break;
    }
    const month m{static_cast<unsigned>(rule.a)};
    const weekday wd{static_cast<unsigned>(rule.c)};
    if (rule.b == 5) return sys_days{year_month_weekday_last{year, m, weekday_last{wd}}};
    return sys_days{year_month_weekday{year, m, wd[static_cast<unsigned>(rule.b)]}};
}

/// The UTC instant of the switch `rule` names in `year`, while `offset_before` is in force.
Timestamp switch_instant(std::string_view rule_text, std::chrono::year year,
                         Duration offset_before) {
    const DayRule rule = *parse_day_rule(rule_text);  // checked when the rule was parsed
    return Timestamp{rule_day(rule, year)} + rule.time - offset_before;
}

LocalOffset apply_rule(const PosixZoneRule& rule, Timestamp t) {
    if (!rule.daylight) return rule.standard;
    const auto local_day = std::chrono::floor<days>(t + rule.standard.offset);
    const std::chrono::year year = std::chrono::year_month_day{local_day}.year();
    const Timestamp start = switch_instant(rule.start_rule, year, rule.standard.offset);
    const Timestamp end = switch_instant(rule.end_rule, year, rule.daylight->offset);
    // In the southern hemisphere DST spans the new year: it starts late and ends early.
    const bool daylight = start < end ? (t >= start && t < end) : (t >= start || t < end);
    return daylight ? *rule.daylight : rule.standard;
}

struct LocalParts {
    std::chrono::year_month_day date;
    long hour = 0, minute = 0;
};

LocalParts local_parts(Timestamp t, const LocalOffset& offset) {
    const Timestamp local = t + offset.offset;
    const auto day = std::chrono::floor<days>(local);
    const auto seconds = (local - day).count();
    return {std::chrono::year_month_day{day}, seconds / 3600, seconds % 3600 / 60};
}

}  // namespace

std::optional<PosixZoneRule> parse_posix_zone_rule(std::string_view text) {
    std::size_t pos = 0;
    PosixZoneRule rule;
    auto std_name = zone_name(text, pos);
    if (!std_name) return std::nullopt;
    auto std_offset = signed_hms(text, pos);
    if (!std_offset) return std::nullopt;
    // POSIX counts west of Greenwich as positive: "EST5" is UTC-5.
    rule.standard = LocalOffset{-*std_offset, *std_name};
    if (pos == text.size()) return rule;

    auto dst_name = zone_name(text, pos);
    if (!dst_name) return std::nullopt;
    Duration dst_offset = rule.standard.offset + hours{1};
    if (pos < text.size() && text[pos] != ',') {
        auto given = signed_hms(text, pos);
        if (!given) return std::nullopt;
        dst_offset = -*given;
    }
    rule.daylight = LocalOffset{dst_offset, *dst_name};
    if (pos == text.size()) {
        // POSIX leaves the default to the implementation; glibc uses the US rule.
        rule.start_rule = "M3.2.0";
        rule.end_rule = "M11.1.0";
        return rule;
    }
    if (text[pos] != ',') return std::nullopt;
    const std::string_view rules = text.substr(pos + 1);
    const std::size_t comma = rules.find(',');
    if (comma == std::string_view::npos) return std::nullopt;
    rule.start_rule = std::string(rules.substr(0, comma));
    rule.end_rule = std::string(rules.substr(comma + 1));
    if (!parse_day_rule(rule.start_rule) || !parse_day_rule(rule.end_rule)) return std::nullopt;
    return rule;
}

TimeZone TimeZone::utc() {
    return TimeZone("UTC", LocalOffset{Duration{0}, "UTC"}, {}, std::nullopt);
}

TimeZone::TimeZone(std::string name, LocalOffset initial, std::vector<Transition> transitions,
                   std::optional<PosixZoneRule> rule)
    : name_(std::move(name)),
      initial_(std::move(initial)),
      transitions_(std::move(transitions)),
      rule_(std::move(rule)) {}

LocalOffset TimeZone::at(Timestamp t) const {
    if (transitions_.empty()) return rule_ ? apply_rule(*rule_, t) : initial_;
    const auto next = std::upper_bound(transitions_.begin(), transitions_.end(), t,
                                       [](Timestamp v, const Transition& tr) { return v < tr.at; });
    if (next == transitions_.begin()) return initial_;
    if (next == transitions_.end() && rule_) return apply_rule(*rule_, t);
    return std::prev(next)->local;
}

std::string format_time(Timestamp t, const TimeZone& zone) {
    const LocalOffset offset = zone.at(t);
    const LocalParts p = local_parts(t, offset);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02ld:%02ld %s", int(p.date.year()),
                  unsigned(p.date.month()), unsigned(p.date.day()), p.hour, p.minute,
                  offset.abbreviation.c_str());
    return buf;
}

std::string format_clock(Timestamp t, const TimeZone& zone) {
    const LocalOffset offset = zone.at(t);
    const LocalParts p = local_parts(t, offset);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%02ld:%02ld %s", p.hour, p.minute, offset.abbreviation.c_str());
    return buf;
}

}  // namespace firebreak::core
