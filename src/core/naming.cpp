#include "firebreak/core/naming.hpp"

namespace firebreak::core {

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

std::string incident_name(Timestamp declared_at, std::string_view slug, int attempt) {
    std::string prefix = "inc-" + format_compact_date(declared_at) + "-";
    std::string suffix = attempt > 1 ? "-" + std::to_string(attempt) : "";
    std::size_t room = kMaxIncidentNameLength - prefix.size() - suffix.size();
    std::string body(slug.substr(0, room));
    while (!body.empty() && body.back() == '-') body.pop_back();
    if (body.empty()) body = "incident";
    return prefix + body + suffix;
}

}  // namespace firebreak::core
