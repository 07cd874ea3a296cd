#pragma once
// A chat::Form in the console: one prompt per field, answered line by line.

#include <iosfwd>
#include <optional>

#include "firebreak/chat/form.hpp"
#include "firebreak/core/time.hpp"

namespace firebreak::console {

struct FormPrompt {
    std::istream& in;
    std::ostream& out;
    bool echo = false;  ///< print each answer read (a script, not a terminal)
    core::Timestamp now{};
};

/// Asks for every field of `form` (only the fields in `errors`, with their error, when
/// `errors` is not empty; the others keep their `previous` value). A field's answer is
/// converted to the value the form expects: an option's number or value, y/n, a time as
/// "YYYY-MM-DD HH:MM" (UTC) or "45m" for 45 minutes ago, "@name" or "me". nullopt when
/// the input ends or the answer is ":cancel".
std::optional<chat::FieldValues> fill_form(const chat::Form& form, const chat::FieldErrors& errors,
                                           chat::FieldValues previous, const std::string& user,
                                           FormPrompt prompt);

}  // namespace firebreak::console
