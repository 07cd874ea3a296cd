// The status page's commands: `publish …` and `affects …`.
#include <charconv>

#include "firebreak/command/detail/arguments.hpp"
#include "firebreak/core/status_page.hpp"
#include "firebreak/core/time.hpp"

namespace firebreak::command::detail {
namespace {

std::optional<std::int64_t> draft_number(std::string_view word) {
    if (word.starts_with('#')) word.remove_prefix(1);
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), n);
    if (ec != std::errc{} || end != word.data() + word.size() || n <= 0) return std::nullopt;
    return n;
}

/// `text` without one pair of surrounding quotes ("…" or “…”).
std::string_view unquoted(std::string_view text) {
    for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"\"", "\""},
                               {"\xE2\x80\x9C", "\xE2\x80\x9D"}}) {
        if (text.size() >= open.size() + close.size() && text.starts_with(open) &&
            text.ends_with(close))
            return trim(text.substr(open.size(), text.size() - open.size() - close.size()));
    }
    return text;
}

std::optional<core::ComponentImpact> impact_word(const std::string& word) {
    if (auto impact = core::parse_component_impact(word)) return impact;
    if (word == "degraded_performance") return core::ComponentImpact::degraded;
    if (word == "partial_outage") return core::ComponentImpact::partial;
    if (word == "major_outage") return core::ComponentImpact::major;
    return std::nullopt;
}

}  // namespace

ParseResult parse_publish(const Arguments& a) {
    if (a.words.empty()) return core::cmd::Publish{};
    const std::string first = to_lower(a.words[0].text);
    if (first == "--title") {
        std::string_view title = unquoted(a.from(1));
        if (title.empty()) return usage_error(a.command, "give the public title after --title");
        if (too_long(title)) return too_long_error(a.command, "the title");
        return core::cmd::SetPublicTitle{std::string(title)};
    }
    // The preview's and the reminder's buttons: exact shapes, so that an update that merely
    // starts with one of these words stays an update.
    if (a.words.size() == 2) {
        if (auto n = draft_number(a.words[1].text)) {
            if (first == "confirm") return core::cmd::ConfirmPublish{*n};
            if (first == "cancel") return core::cmd::CancelPublish{*n};
            if (first == "edit") return core::cmd::EditPublish{*n};
        }
    }
    if (a.words.size() == 1 && first == "nochange") return core::cmd::PublishNoChange{};
    if (first == "snooze" && a.words.size() <= 2) {
        if (a.words.size() == 1) return core::cmd::SnoozePublic{};
        if (auto by = core::parse_duration(to_lower(a.words[1].text)))
            return core::cmd::SnoozePublic{*by};
    }
    core::cmd::Publish publish;
    std::string_view text = a.rest;
    if (auto status = core::parse_public_status(first)) {
        publish.status = status;
        text = a.from(1);
    }
    if (too_long(text)) return too_long_error(a.command, "the update");
    publish.text = std::string(text);
    return publish;
}

ParseResult parse_affects(const Arguments& a) {
    const std::string hint =
        "name components with how they are hit, such as affects api=partial checkout=major "
        "(degraded, partial or major), or affects none";
    if (a.words.empty()) return usage_error(a.command, hint);
    if (a.words.size() == 1 && to_lower(a.words[0].text) == "none") return core::cmd::Affects{};
    core::cmd::Affects affects;
    for (const Word& word : a.words) {
        const std::string lowered = to_lower(word.text);
        const std::size_t eq = lowered.find('=');
        std::string id = lowered.substr(0, eq);
        core::ComponentImpact impact = core::ComponentImpact::partial;
        if (eq != std::string::npos) {
            auto parsed = impact_word(lowered.substr(eq + 1));
            if (!parsed)
                return usage_error(a.command, "'" + std::string(word.text) +
                                                  "': the impact is degraded, partial or major");
            impact = *parsed;
        }
        if (id.empty()) return usage_error(a.command, hint);
        affects.affects.push_back({std::move(id), impact});
    }
    return affects;
}

}  // namespace firebreak::command::detail
