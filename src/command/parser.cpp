#include "firebreak/command/parser.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <variant>

#include "firebreak/command/detail/arguments.hpp"
#include "firebreak/command/mention.hpp"
#include "firebreak/command/text.hpp"
#include "firebreak/core/role.hpp"
#include "firebreak/core/status.hpp"
#include "firebreak/core/time.hpp"

namespace firebreak::command {
namespace detail {

UsageError usage_error(std::string_view command, std::string message) {
    const CommandSpec* spec = find_command(command);
    return UsageError{std::string(command), std::move(message),
                      spec != nullptr ? std::string(spec->usage) : std::string("/incident help")};
}

UsageError too_long_error(std::string_view command, std::string_view what) {
    return usage_error(command, std::string(what) + " is longer than " +
                                    std::to_string(kMaxFreeTextChars) +
                                    " characters, more than chat can show; shorten it");
}

}  // namespace detail

namespace {

using detail::Arguments;
using detail::usage_error;

/// Beyond this many bytes no valid command exists (two free texts of 3000 characters of
/// up to four bytes each, plus fields), so the words are not even split.
constexpr std::size_t kMaxInputBytes = 32 * 1024;

std::string quoted(std::string_view text) {
    return "'" + excerpt(text) + "'";
}

template <class T>
ParseResult no_arguments(const Arguments& a) {
    if (!a.words.empty()) {
        return usage_error(a.command, "/incident " + std::string(a.command) +
                                          " takes nothing after it; " +
                                          quoted(a.words.front().text) + " is extra");
    }
    return T{};
}

/// A command whose whole argument is free text; `missing` explains an empty one, or is
/// empty when the text is optional.
template <class T>
ParseResult free_text(const Arguments& a, std::string_view missing) {
    if (a.rest.empty() && !missing.empty()) return usage_error(a.command, std::string(missing));
    if (too_long(a.rest)) return detail::too_long_error(a.command, "the text");
    return T{std::string(a.rest)};
}

ParseResult parse_severity(const Arguments& a) {
    if (a.words.size() != 1) return usage_error(a.command, "name one severity, such as sev2");
    if (!is_severity_word(a.words[0].text)) {
        return usage_error(
            a.command, quoted(a.words[0].text) + " is not a severity; write it as sev1, sev2, …");
    }
    return core::cmd::SetSeverity{to_lower(a.words[0].text)};
}

ParseResult parse_role_assignment(const Arguments& a) {
    const std::optional<core::Role> role = core::parse_role(a.command);
    if (!role) return usage_error(a.command, "unknown role");  // the route table is wrong
    if (a.words.size() != 1)
        return usage_error(a.command,
                           "name one person: " + std::string(person_hint(a.ctx.plain_names)));
    std::optional<core::UserId> user =
        resolve_person(a.words[0].text, a.ctx.actor, a.ctx.plain_names);
    if (!user) {
        return usage_error(a.command, quoted(a.words[0].text) + " is not a person; " +
                                          std::string(person_hint(a.ctx.plain_names)));
    }
    return core::cmd::AssignRole{*role, std::move(*user)};
}

ParseResult parse_status_change(const Arguments& a) {
    constexpr std::string_view kStatuses = "investigating, mitigating or monitoring";
    if (a.words.size() != 1)
        return usage_error(a.command, "name one status: " + std::string(kStatuses));
    const std::string word = to_lower(a.words[0].text);
    if (const std::optional<core::Status> status = core::parse_status(word)) {
        switch (*status) {
            case core::Status::investigating:
            case core::Status::mitigating:
            case core::Status::monitoring:
                return core::cmd::SetStatus{*status};
            case core::Status::resolved:
                return usage_error(a.command, "to resolve, use /incident resolve [text]");
            case core::Status::closed:
                return usage_error(
                    a.command,
                    "an incident closes when its review is done: use /incident close "
                    "once it is resolved and reviewed");
            case core::Status::canceled:
                return usage_error(a.command, "to cancel, use /incident cancel [reason]");
        }
    }
    if (word == "mitigated") return usage_error(a.command, "use /incident mitigated [text]");
    if (word == "cancelled")
        return usage_error(a.command, "to cancel, use /incident cancel [reason]");
    return usage_error(a.command,
                       quoted(a.words[0].text) + " is not a status; use " + std::string(kStatuses));
}

/// A positive number such as "3" or "#3"; nullopt for anything else.
std::optional<int> item_number(std::string_view word) {
    if (word.starts_with('#')) word.remove_prefix(1);
    int number = 0;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), number);
    if (ec != std::errc{} || end != word.data() + word.size() || number <= 0) return std::nullopt;
    return number;
}

ParseResult parse_acknowledge(const Arguments& a) {
    const std::string hint = "name the decision by its number, such as ack 3";
    if (a.words.size() != 1) return usage_error(a.command, hint);
    const std::optional<int> number = item_number(a.words[0].text);
    if (!number) {
        return usage_error(a.command,
                           quoted(a.words[0].text) + " is not a decision number; " + hint);
    }
    return core::cmd::AcknowledgeDecision{*number};
}

/// The action item number that starts every action item command, or the usage error.
std::variant<int, UsageError> action_item_number(const Arguments& a) {
    const std::string hint =
        "name the action item by its number, such as " + std::string(a.command) + " 2";
    if (a.words.empty()) return usage_error(a.command, hint);
    const std::optional<int> number = item_number(a.words[0].text);
    if (!number) {
        return usage_error(a.command,
                           quoted(a.words[0].text) + " is not an action item number; " + hint);
    }
    return *number;
}

ParseResult parse_done(const Arguments& a) {
    auto number = action_item_number(a);
    if (auto* error = std::get_if<UsageError>(&number)) return *error;
    if (a.words.size() > 1) {
        return usage_error(a.command,
                           "name one action item; " + quoted(a.words[1].text) + " is extra");
    }
    return core::cmd::CompleteActionItem{std::get<int>(number)};
}

ParseResult parse_not_doing(const Arguments& a) {
    auto number = action_item_number(a);
    if (auto* error = std::get_if<UsageError>(&number)) return *error;
    const std::string_view reason = a.from(1);
    if (too_long(reason)) return detail::too_long_error(a.command, "the reason");
    return core::cmd::DropActionItem{std::get<int>(number), std::string(reason)};
}

ParseResult parse_reassign(const Arguments& a) {
    auto number = action_item_number(a);
    if (auto* error = std::get_if<UsageError>(&number)) return *error;
    if (a.words.size() != 2)
        return usage_error(a.command,
                           "name one new owner: " + std::string(person_hint(a.ctx.plain_names)));
    std::optional<core::UserId> owner =
        resolve_person(a.words[1].text, a.ctx.actor, a.ctx.plain_names);
    if (!owner) {
        return usage_error(a.command, quoted(a.words[1].text) + " is not a person; " +
                                          std::string(person_hint(a.ctx.plain_names)));
    }
    return core::cmd::ReassignActionItem{std::get<int>(number), std::move(*owner)};
}

ParseResult parse_due(const Arguments& a) {
    auto number = action_item_number(a);
    if (auto* error = std::get_if<UsageError>(&number)) return *error;
    if (a.words.size() != 2)
        return usage_error(a.command, "give one due date, written as YYYY-MM-DD");
    const std::optional<core::Date> date = core::parse_date(a.words[1].text);
    if (!date) {
        return usage_error(a.command,
                           quoted(a.words[1].text) + " is not a date; write it as YYYY-MM-DD");
    }
    return core::cmd::RescheduleActionItem{std::get<int>(number), *date};
}

ParseResult parse_handover(const Arguments& a) {
    if (a.words.empty())
        return usage_error(a.command, "name the role to hand over: ic, tl or comms");
    const std::optional<core::Role> role = core::parse_role(to_lower(a.words[0].text));
    if (!role) {
        return usage_error(a.command,
                           quoted(a.words[0].text) + " is not a role; use ic, tl or comms");
    }
    if (a.words.size() < 2)
        return usage_error(a.command,
                           "name who takes over: " + std::string(person_hint(a.ctx.plain_names)));
    std::optional<core::UserId> to =
        resolve_person(a.words[1].text, a.ctx.actor, a.ctx.plain_names);
    if (!to) {
        return usage_error(a.command, quoted(a.words[1].text) + " is not a person; " +
                                          std::string(person_hint(a.ctx.plain_names)));
    }
    const std::string_view summary = a.from(2);
    if (summary.empty()) {
        return usage_error(a.command,
                           "a handover needs a written current-state summary: what is known, "
                           "what is being tried, what comes next");
    }
    if (too_long(summary)) return detail::too_long_error(a.command, "the summary");
    return core::cmd::Handover{*role, std::move(*to), std::string(summary)};
}

ParseResult parse_snooze(const Arguments& a) {
    if (a.words.empty()) return core::cmd::Snooze{};
    const std::string hint = "give one duration, such as 15m or 2h, or none for the default";
    if (a.words.size() != 1) return usage_error(a.command, hint);
    const std::optional<core::Duration> by = core::parse_duration(to_lower(a.words[0].text));
    if (!by) return usage_error(a.command, quoted(a.words[0].text) + " is not a duration; " + hint);
    return core::cmd::Snooze{*by};
}

ParseResult parse_timeline(const Arguments& a) {
    if (a.words.empty()) return core::cmd::ShowTimeline{};
    const std::string hint = "give one page number, such as timeline 2, or none for the latest";
    if (a.words.size() != 1) return usage_error(a.command, hint);
    const std::optional<int> page = item_number(a.words[0].text);
    if (!page) return usage_error(a.command, quoted(a.words[0].text) + " is not a page; " + hint);
    return core::cmd::ShowTimeline{*page};
}

/// `stats [since:<duration>] [sev1..sev4]`, in either order.
ParseResult parse_stats(const Arguments& a) {
    core::cmd::ShowStats stats;
    bool since_given = false;
    for (const Word& word : a.words) {
        const std::string lowered = to_lower(word.text);
        if (lowered.starts_with("since:")) {
            if (since_given) return usage_error(a.command, "since: is given twice");
            const std::optional<core::Duration> since = core::parse_duration(lowered.substr(6));
            if (!since) {
                return usage_error(a.command, quoted(word.text) +
                                                  " is not a duration; write since:30d, "
                                                  "since:12h or since:90m");
            }
            stats.since = *since;
            since_given = true;
        } else if (is_severity_word(word.text)) {
            if (stats.severity) return usage_error(a.command, "name at most one severity");
            stats.severity = lowered;
        } else {
            return usage_error(a.command, quoted(word.text) +
                                              " is neither since:<duration> nor a severity "
                                              "such as sev2");
        }
    }
    return stats;
}

using Handler = ParseResult (*)(const Arguments&);

struct Route {
    std::string_view name;
    Handler handler;
};

// One route per command of command_table(); a test checks that they match.
constexpr std::array kRoutes{
    Route{"declare", &detail::parse_declare},
    Route{"sev", &parse_severity},
    Route{"ic", &parse_role_assignment},
    Route{"tl", &parse_role_assignment},
    Route{"comms", &parse_role_assignment},
    Route{"status", &parse_status_change},
    Route{"update",
          [](const Arguments& a) {
              return free_text<core::cmd::PostUpdate>(
                  a, "an update needs text: what changed, or use /incident nochange");
          }},
    Route{"nochange", &no_arguments<core::cmd::NoChange>},
    Route{"notyet", &no_arguments<core::cmd::KeepWatching>},
    Route{"note",
          [](const Arguments& a) { return free_text<core::cmd::Note>(a, "a note needs text"); }},
    Route{"decision", &detail::parse_decision},
    Route{"ack", &parse_acknowledge},
    Route{"mitigated", [](const Arguments& a) { return free_text<core::cmd::Mitigated>(a, ""); }},
    Route{"resolve", &detail::parse_resolve},
    Route{"reopen", [](const Arguments& a) { return free_text<core::cmd::Reopen>(a, ""); }},
    Route{"close", &no_arguments<core::cmd::Close>},
    Route{"cancel", [](const Arguments& a) { return free_text<core::cmd::Cancel>(a, ""); }},
    Route{"handover", &parse_handover},
    Route{"action", &detail::parse_action},
    Route{"actions", &no_arguments<core::cmd::ListActionItems>},
    Route{"done", &parse_done},
    Route{"notdoing", &parse_not_doing},
    Route{"reassign", &parse_reassign},
    Route{"due", &parse_due},
    Route{"impact",
          [](const Arguments& a) {
              return free_text<core::cmd::RecordImpact>(
                  a, "impact needs text: who or what was hurt, and how much");
          }},
    Route{"rootcause",
          [](const Arguments& a) {
              return free_text<core::cmd::RecordRootCause>(
                  a, "a root cause needs text: why it happened");
          }},
    Route{"factor",
          [](const Arguments& a) {
              return free_text<core::cmd::RecordFactor>(
                  a, "a contributing factor needs text: what made it worse or more likely");
          }},
    Route{"wentwell",
          [](const Arguments& a) {
              return free_text<core::cmd::RecordWentWell>(a, "say what went well");
          }},
    Route{"wentbadly",
          [](const Arguments& a) {
              return free_text<core::cmd::RecordWentBadly>(a, "say what did not go well");
          }},
    Route{"snooze", &parse_snooze},
    Route{"publish", &detail::parse_publish},
    Route{"affects", &detail::parse_affects},
    Route{"bridge", &detail::parse_bridge},
    Route{"workstream", &detail::parse_workstream},
    Route{"escalate", &detail::parse_escalate},
    Route{"join", &detail::parse_join},
    Route{"checklist", &no_arguments<core::cmd::ShowChecklist>},
    Route{"check", &detail::parse_check},
    Route{"timeline", &parse_timeline},
    Route{"summary", &no_arguments<core::cmd::ShowSummary>},
    Route{"postmortem", &no_arguments<core::cmd::ShowPostmortem>},
    Route{"list", &no_arguments<core::cmd::ListIncidents>},
    Route{"stats", &parse_stats},
    Route{"help", &no_arguments<core::cmd::ShowHelp>},
};

UsageError unknown_command(std::string_view word) {
    std::string message = "unknown command " + quoted(word);
    if (const std::optional<std::string_view> suggestion = suggest_command(word)) {
        message += "; did you mean '" + std::string(*suggestion) + "'?";
    }
    return UsageError{"", std::move(message), "/incident help — lists every command"};
}

}  // namespace

ParseResult parse(std::string_view text, const ParseContext& ctx) {
    text = trim(text);
    if (text.empty()) return core::cmd::DeclareForm{};

    std::size_t word_end = 0;
    while (word_end < text.size() && !is_space(text[word_end])) ++word_end;
    const std::string_view word = text.substr(0, word_end);
    const std::string name = to_lower(word.substr(0, 16));
    const Route* route = nullptr;
    for (const Route& r : kRoutes) {
        if (word.size() == r.name.size() && r.name == name) route = &r;
    }
    if (route == nullptr) return unknown_command(word);
    if (text.size() > kMaxInputBytes) {
        return usage_error(route->name, "the command is far longer than chat can show; shorten it");
    }

    const std::string_view rest = trim(text.substr(word_end));
    const Arguments args{route->name, rest, split_words(rest), ctx};
    return route->handler(args);
}

std::string render(const UsageError& error) {
    return error.message + "\nUsage: " + error.usage;
}

}  // namespace firebreak::command
