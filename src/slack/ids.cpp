#include "firebreak/slack/ids.hpp"

#include <algorithm>

namespace firebreak::slack {
namespace {

/// A prefix letter from `prefixes`, then 1 to 31 upper-case letters and digits.
bool is_id(std::string_view id, std::string_view prefixes) {
    if (id.size() < 2 || id.size() > 32 || prefixes.find(id.front()) == std::string_view::npos)
        return false;
    return std::all_of(id.begin() + 1, id.end(),
                       [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

}  // namespace

bool is_user_id(std::string_view id) {
    return is_id(id, "UW");
}

bool is_channel_id(std::string_view id) {
    return is_id(id, "CGD");
}

bool is_team_id(std::string_view id) {
    return id.empty() || is_id(id, "TE");
}

}  // namespace firebreak::slack
