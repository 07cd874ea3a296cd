#pragma once
// application/x-www-form-urlencoded bodies, as Slack posts slash commands and interactions.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace firebreak::slack {

using FormFields = std::map<std::string, std::string, std::less<>>;

/// Decodes "a=1&b=x+y%21" ('+' is a space, %XX a byte). Empty fields are kept; for a
/// repeated name the first value wins. nullopt for a malformed escape (bad or truncated
/// %XX) or a field without '='.
std::optional<FormFields> parse_form(std::string_view body);

/// The field's value, "" when absent.
std::string field(const FormFields& fields, std::string_view name);

}  // namespace firebreak::slack
