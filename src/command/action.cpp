// `/incident action <text> owner:@user|me due:<YYYY-MM-DD> [priority:p1..p3] [verify:<text>]`.

#include <array>
#include <optional>
#include <string>

#include "firebreak/command/detail/arguments.hpp"
#include "firebreak/command/mention.hpp"
#include "firebreak/command/text.hpp"
#include "firebreak/core/incident.hpp"
#include "firebreak/core/time.hpp"

namespace firebreak::command::detail {
namespace {

enum class Field { owner, due, priority, verify };

constexpr std::array<std::string_view, 4> kFieldKeys{"owner", "due", "priority", "verify"};

/// The field a word starts, such as "owner:@alice" or "Due:", and where its value begins.
struct FieldStart {
    Field field;
    std::size_t value_offset;  ///< within the word
};

std::optional<FieldStart> field_start(std::string_view word) {
    const std::size_t colon = word.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    for (std::size_t f = 0; f < kFieldKeys.size(); ++f) {
        if (iequals(word.substr(0, colon), kFieldKeys[f])) {
            return FieldStart{static_cast<Field>(f), colon + 1};
        }
    }
    return std::nullopt;
}

/// The raw value of each field given; nullopt for a field not given.
using FieldValues = std::array<std::optional<std::string_view>, 4>;

std::optional<std::string_view>& slot(FieldValues& values, Field f) {
    return values[static_cast<std::size_t>(f)];
}

/// Reads the fields from word `first` on into `values`; returns an error message, or an
/// empty string when the fields are well formed.
std::string read_fields(const Arguments& a, std::size_t first, FieldValues& values) {
    const auto& words = a.words;
    std::size_t i = first;
    while (i < words.size()) {
        const std::optional<FieldStart> start = field_start(words[i].text);
        if (!start) {
            return "'" + excerpt(words[i].text) +
                   "' follows the fields; put the description first and fields after it";
        }
        const std::string_view key = kFieldKeys[static_cast<std::size_t>(start->field)];
        std::optional<std::string_view>& value = slot(values, start->field);
        if (value) return std::string(key) + ": is given twice";

        const std::size_t value_begin = words[i].offset + start->value_offset;
        ++i;
        if (start->field == Field::verify) {
            // The check is free text, up to the next field or the end.
            while (i < words.size() && !field_start(words[i].text)) ++i;
            const std::size_t value_end = i < words.size() ? words[i].offset : a.rest.size();
            value = trim(a.rest.substr(value_begin, value_end - value_begin));
        } else {
            value = words[i - 1].text.substr(start->value_offset);
            // Forgive a space after the colon: "owner: @alice".
            if (value->empty() && i < words.size() && !field_start(words[i].text)) {
                value = words[i++].text;
            }
        }
        if (value->empty()) return std::string(key) + ": has no value";
    }
    return {};
}

std::string missing_fields_message(bool owner, bool due) {
    if (!owner && !due) {
        return "an action item needs an owner and a due date (owner:@name due:YYYY-MM-DD): "
               "an action nobody owns and nobody dates does not get done";
    }
    if (!owner) {
        return "an action item needs an owner (owner:@name or owner:me): someone has to be "
               "accountable for getting it done";
    }
    return "an action item needs a due date (due:YYYY-MM-DD): an action without a date does "
           "not get done";
}

}  // namespace

ParseResult parse_action(const Arguments& a) {
    std::size_t first_field = 0;
    while (first_field < a.words.size() && !field_start(a.words[first_field].text)) ++first_field;
    const std::string_view text =
        first_field < a.words.size() ? trim(a.rest.substr(0, a.words[first_field].offset)) : a.rest;

    FieldValues values;
    if (std::string error = read_fields(a, first_field, values); !error.empty()) {
        return usage_error(a.command, std::move(error));
    }
    if (text.empty()) {
        return usage_error(a.command, "describe the action first, then its owner and due date");
    }
    if (too_long(text)) return too_long_error(a.command, "the action");

    const auto& owner = slot(values, Field::owner);
    const auto& due = slot(values, Field::due);
    if (!owner || !due)
        return usage_error(a.command, missing_fields_message(owner.has_value(), due.has_value()));

    core::cmd::AddActionItem item;
    item.text = std::string(text);
    std::optional<core::UserId> person = resolve_person(*owner, a.ctx.actor, a.ctx.plain_names);
    if (!person) {
        return usage_error(a.command, "owner '" + excerpt(*owner) + "' is not a person; " +
                                          std::string(person_hint(a.ctx.plain_names)));
    }
    item.owner = std::move(*person);

    const std::optional<core::Date> date = core::parse_date(*due);
    if (!date) {
        return usage_error(a.command,
                           "due '" + excerpt(*due) + "' is not a date; write it as YYYY-MM-DD");
    }
    item.due = *date;

    if (const auto& priority = slot(values, Field::priority)) {
        const std::optional<core::Priority> parsed = core::parse_priority(to_lower(*priority));
        if (!parsed) {
            return usage_error(a.command,
                               "priority '" + excerpt(*priority) + "' is not one of p1, p2 or p3");
        }
        item.priority = *parsed;
    }
    if (const auto& verify = slot(values, Field::verify)) {
        if (too_long(*verify)) return too_long_error(a.command, "the verify text");
        item.verify = std::string(*verify);
    }
    return item;
}

}  // namespace firebreak::command::detail
