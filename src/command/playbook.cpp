// The playbook's commands: bridge, workstream, check, checklist, escalate, join, and the
// flags of resolve (--force) and decision (--reversible / --irreversible).

#include <optional>
#include <string>

#include "firebreak/command/detail/arguments.hpp"
#include "firebreak/command/mention.hpp"
#include "firebreak/command/text.hpp"
#include "firebreak/core/command.hpp"

namespace firebreak::command::detail {
namespace {

std::string quoted(std::string_view text) {
    return "'" + excerpt(text) + "'";
}

/// A link as a chat platform may send it: "<https://x|label>" becomes "https://x".
std::string unwrap_link(std::string_view word) {
    if (word.size() >= 2 && word.front() == '<' && word.back() == '>') {
        word = word.substr(1, word.size() - 2);
        if (std::size_t bar = word.find('|'); bar != std::string_view::npos)
            word = word.substr(0, bar);
    }
    return std::string(word);
}

/// One word of letters, digits, '-' or '_' (a workstream, checklist item or area name).
bool is_name(std::string_view word) {
    if (word.empty() || word.size() > 40) return false;
    for (char c : word)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    return true;
}

/// The text of words [first, end) of `a`, trimmed.
std::string_view words_between(const Arguments& a, std::size_t first, std::size_t end) {
    if (first >= end) return {};
    std::size_t from = a.words[first].offset;
    std::size_t to = end < a.words.size() ? a.words[end].offset : a.rest.size();
    return trim(a.rest.substr(from, to - from));
}

}  // namespace

ParseResult parse_bridge(const Arguments& a) {
    if (a.words.size() != 1)
        return usage_error(a.command, "give one web address, such as https://meet.jit.si/acme");
    return core::cmd::SetBridge{unwrap_link(a.words[0].text)};
}

ParseResult parse_workstream(const Arguments& a) {
    if (a.words.empty() || !is_name(a.words[0].text))
        return usage_error(a.command, "name the workstream, such as mitigation or diagnosis");
    std::string name = to_lower(a.words[0].text);
    if (a.words.size() < 2)
        return usage_error(a.command, "give the workstream an owner (" +
                                          std::string(person_hint(a.ctx.plain_names)) +
                                          "), or say done or blocked");
    std::string second = to_lower(a.words[1].text);
    std::string_view rest = a.from(2);
    if (too_long(rest)) return too_long_error(a.command, "the text");
    if (second == "done" || second == "blocked")
        return core::cmd::UpdateWorkstream{
            name, second == "done" ? core::WorkstreamState::done : core::WorkstreamState::blocked,
            std::string(rest)};
    std::optional<core::UserId> owner =
        resolve_person(a.words[1].text, a.ctx.actor, a.ctx.plain_names);
    if (!owner)
        return usage_error(a.command, quoted(a.words[1].text) +
                                          " is neither an owner nor done or blocked; " +
                                          std::string(person_hint(a.ctx.plain_names)));
    return core::cmd::StartWorkstream{name, std::move(*owner), std::string(rest)};
}

ParseResult parse_check(const Arguments& a) {
    if (a.words.size() != 1 || !is_name(a.words[0].text))
        return usage_error(a.command,
                           "name one checklist item by its id (/incident checklist shows them)");
    return core::cmd::TickChecklist{to_lower(a.words[0].text)};
}

ParseResult parse_escalate(const Arguments& a) {
    if (a.words.empty() || !is_name(a.words[0].text))
        return usage_error(a.command, "name the area you need, such as database or networking");
    std::string_view why = a.from(1);
    if (why.empty())
        return usage_error(a.command, "say why you need help, so the right people come");
    if (too_long(why)) return too_long_error(a.command, "the reason");
    return core::cmd::Escalate{std::string(a.words[0].text), std::string(why)};
}

ParseResult parse_join(const Arguments& a) {
    if (a.words.size() != 1) return usage_error(a.command, "name the incident to join");
    return core::cmd::JoinIncident{std::string(a.words[0].text)};
}

ParseResult parse_resolve(const Arguments& a) {
    core::cmd::Resolve r;
    std::size_t first = 0, end = a.words.size();
    if (end > 0 && iequals(a.words[0].text, "--force")) {
        r.force = true;
        first = 1;
    } else if (end > 0 && iequals(a.words[end - 1].text, "--force")) {
        r.force = true;
        --end;
    }
    std::string_view text = words_between(a, first, end);
    if (too_long(text)) return too_long_error(a.command, "the text");
    r.text = std::string(text);
    return r;
}

ParseResult parse_decision(const Arguments& a) {
    core::cmd::ProposeDecision d;
    std::size_t first = 0, end = a.words.size();
    auto flag = [](std::string_view w) -> std::optional<core::Reversibility> {
        if (iequals(w, "--reversible")) return core::Reversibility::reversible;
        if (iequals(w, "--irreversible")) return core::Reversibility::irreversible;
        return std::nullopt;
    };
    if (end > 0) {
        if (auto f = flag(a.words[end - 1].text)) {
            d.reversibility = *f;
            --end;
        } else if (auto g = flag(a.words[0].text)) {
            d.reversibility = *g;
            first = 1;
        }
    }
    std::string_view text = words_between(a, first, end);
    if (text.empty()) return usage_error(a.command, "a decision needs text: what was decided");
    if (too_long(text)) return too_long_error(a.command, "the text");
    d.text = std::string(text);
    return d;
}

}  // namespace firebreak::command::detail
