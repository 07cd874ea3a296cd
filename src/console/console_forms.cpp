#include "console_forms.hpp"

#include <charconv>
#include <istream>
#include <ostream>
#include <string>

#include "firebreak/command/text.hpp"
#include "firebreak/console/console_session.hpp"
#include "firebreak/core/printable.hpp"

namespace firebreak::console {
namespace {

using chat::FieldKind;

std::string hint(const chat::FormField& field) {
    switch (field.kind) {
        case FieldKind::select: {
            std::string out;
            for (std::size_t i = 0; i < field.options.size(); ++i) {
                const auto& o = field.options[i];
                out += "\n      " + std::to_string(i + 1) + ". " +
                       (o.label.empty() ? o.value : o.label);
                if (!o.description.empty()) out += " — " + o.description;
            }
            return out + "\n    (a number" +
                   (field.initial.empty() ? std::string() : ", Enter for " + field.initial) + ")";
        }
        case FieldKind::checkbox:
            return field.initial == "true" ? " (y/n, Enter for y)" : " (y/n)";
        case FieldKind::datetime:
            return " (YYYY-MM-DD HH:MM UTC, or 45m for 45 minutes ago)";
        case FieldKind::user:
            return " (@name or me)";
        case FieldKind::text:
        case FieldKind::multiline:
            break;
    }
    return field.optional ? " (Enter to skip)" : "";
}

/// The answer as the form's value; nullopt when it cannot be one (asked again).
std::optional<std::string> value_of(const chat::FormField& field, std::string answer,
                                    const std::string& user, core::Timestamp now) {
    switch (field.kind) {
        case FieldKind::select: {
            if (answer.empty()) return field.initial;
            int n = 0;
            auto [end, ec] = std::from_chars(answer.data(), answer.data() + answer.size(), n);
            if (ec == std::errc() && end == answer.data() + answer.size()) {
                if (n < 1 || n > static_cast<int>(field.options.size())) return std::nullopt;
                return field.options[static_cast<std::size_t>(n - 1)].value;
            }
            return answer;  // a value typed out; the form's validation says if it is not one
        }
        case FieldKind::checkbox: {
            std::string a = command::to_lower(answer);
            if (a == "y" || a == "yes" || a == "true") return std::string("true");
            if (a.empty()) return field.initial == "true" ? field.initial : std::string();
            if (a == "n" || a == "no" || a == "false") return std::string();
            return std::nullopt;
        }
        case FieldKind::datetime: {
            if (answer.empty()) return std::string();
            if (auto ago = core::parse_duration(answer)) return core::format_iso8601(now - *ago);
            return answer;  // "YYYY-MM-DD HH:MM": the form's validation reads it
        }
        case FieldKind::user: {
            if (answer.empty()) return std::string();
            if (command::iequals(answer, "me")) return user;
            if (auto name = console_user(answer)) return *name;
            return std::nullopt;
        }
        case FieldKind::text:
        case FieldKind::multiline:
            break;
    }
    return answer;
}

}  // namespace

std::optional<chat::FieldValues> fill_form(const chat::Form& form, const chat::FieldErrors& errors,
                                           chat::FieldValues values, const std::string& user,
                                           FormPrompt prompt) {
    if (errors.empty()) prompt.out << "  " << form.title << " (:cancel to leave the form)\n";
    for (const auto& field : form.fields) {
        auto error = errors.find(field.id);
        if (!errors.empty() && error == errors.end()) continue;
        if (error != errors.end())
            prompt.out << "  ! " << field.label << ": " << error->second << "\n";
        while (true) {
            prompt.out << "    " << field.label << hint(field) << ": " << std::flush;
            std::string line;
            if (!std::getline(prompt.in, line)) {
                prompt.out << "\n";
                return std::nullopt;
            }
            std::string answer(command::trim(line));
            if (prompt.echo) prompt.out << core::printable(answer) << "\n";
            if (answer == ":cancel") return std::nullopt;
            if (auto value = value_of(field, answer, user, prompt.now)) {
                values[field.id] = *value;
                break;
            }
            prompt.out << "    That is not an answer to this question; try again.\n";
        }
    }
    return values;
}

}  // namespace firebreak::console
