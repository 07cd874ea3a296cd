#include "firebreak/core/naming.hpp"

namespace firebreak::core {
namespace {

constexpr std::string_view kSlug = "{slug}";
constexpr std::string_view kDate = "{date}";
// Room kept for the slug and a "-NN" repeat suffix when a pattern is checked.
constexpr std::size_t kMinimumSlugRoom = 13;

std::string replace_date(std::string_view text, Timestamp t) {
    std::string out(text);
    for (auto at = out.find(kDate); at != std::string::npos; at = out.find(kDate))
        out.replace(at, kDate.size(), format_compact_date(t));
    return out;
}

bool same_without_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) {
            return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

bool reserved(std::string_view name, const NameRules& rules) {
    for (const auto& word : rules.reserved_names)
        if (same_without_case(name, word)) return true;
    return false;
}

bool valid_channel_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

std::string slugify(std::string_view title) {
    std::string slug;
    for (unsigned char c : title) {
        if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
        bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (keep)
            slug.push_back(static_cast<char>(c));
        else if (!slug.empty() && slug.back() != '-')
            slug.push_back('-');
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug.empty() ? "incident" : slug;
}

std::string incident_name(std::string_view pattern, Timestamp declared_at, std::string_view slug,
                          int attempt, const NameRules& rules) {
    std::size_t at = pattern.find(kSlug);
    std::string before = replace_date(pattern.substr(0, at), declared_at);
    std::string after = at == std::string_view::npos
                            ? ""
                            : replace_date(pattern.substr(at + kSlug.size()), declared_at);
    std::string suffix = attempt > 1 ? "-" + std::to_string(attempt) : "";
    std::size_t fixed = before.size() + after.size() + suffix.size();
    std::size_t room = fixed < rules.max_length ? rules.max_length - fixed : 1;
    std::string body(slug.substr(0, room));
    while (!body.empty() && body.back() == '-') body.pop_back();
    if (body.empty()) body = "incident";
    // Reserved names are short ("CON", "forms"), so the addition always fits.
    if (reserved(before + body + after + suffix, rules)) body += "-incident";
    return before + body + after + suffix;
}

std::optional<std::string> channel_pattern_problem(std::string_view pattern) {
    std::size_t at = pattern.find(kSlug);
    if (at == std::string_view::npos)
        return "must contain {slug}, so that each incident gets its own channel";
    if (pattern.find(kSlug, at + 1) != std::string_view::npos) return "must contain {slug} once";
    std::string fixed =
        std::string(pattern.substr(0, at)) + std::string(pattern.substr(at + kSlug.size()));
    for (auto d = fixed.find(kDate); d != std::string::npos; d = fixed.find(kDate))
        fixed.replace(d, kDate.size(), "20261122");
    for (char c : fixed) {
        if (c == '{' || c == '}') return "may use only the placeholders {date} and {slug}";
        if (!valid_channel_char(c))
            return "may contain only lowercase letters, digits, '-' and '_' besides {date} and "
                   "{slug} (Slack rejects other characters in channel names)";
    }
    if (fixed.size() + kMinimumSlugRoom > kMaxIncidentNameLength)
        return "leaves too little room for the title in Slack's 80-character channel names";
    return std::nullopt;
}

std::optional<std::string> channel_pattern_problem(std::string_view pattern,
                                                   const NameRules& rules) {
    if (auto problem = channel_pattern_problem(pattern)) return problem;
    std::size_t at = pattern.find(kSlug);
    std::string fixed =
        std::string(pattern.substr(0, at)) + std::string(pattern.substr(at + kSlug.size()));
    for (auto d = fixed.find(kDate); d != std::string::npos; d = fixed.find(kDate))
        fixed.replace(d, kDate.size(), "20261122");
    if (fixed.size() + kMinimumSlugRoom > rules.max_length)
        return "leaves too little room for the title in the " + std::to_string(rules.max_length) +
               "-character channel names " + rules.platform + " allows";
    // {slug} and {date} start with a letter or digit; only literal text can offend.
    if (!pattern.empty() && pattern.front() != '{' &&
        rules.forbidden_first.find(pattern.front()) != std::string::npos)
        return std::string("may not start with '") + pattern.front() + "' (" + rules.platform +
               " refuses channel names that do)";
    return std::nullopt;
}

}  // namespace firebreak::core
