#pragma once
// The platform-neutral form model that `app` defines and each adapter renders: a Slack
// modal, an Adaptive Card, prompts in the console. What comes back is a FieldValues map
// keyed by field id, which `app` validates.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace firebreak::chat {

enum class FieldKind {
    text,       ///< one line
    multiline,  ///< several lines
    select,     ///< one of `options`
    checkbox,   ///< on or off: the value is "true" or ""
    datetime,   ///< a moment, as "YYYY-MM-DDTHH:MM:SSZ" (UTC), or "" when not given
    user,       ///< one person: the value is the platform's user id
};

struct Option {
    std::string value;
    std::string label;
    std::string description;  ///< shown under the label where the platform can
    friend bool operator==(const Option&, const Option&) = default;
};

struct FormField {
    std::string id;  ///< the key of its value in the submission
    FieldKind kind = FieldKind::text;
    std::string label;
    bool optional = false;
    std::size_t max_chars = 0;  ///< for text kinds; 0 for the platform's own limit
    std::string initial;        ///< prefilled value (an option's value for select)
    std::vector<Option> options;
    friend bool operator==(const FormField&, const FormField&) = default;
};

/// Field id → why its value was refused: shown next to the field.
using FieldErrors = std::map<std::string, std::string>;
/// Field id → what was entered ("" for a field left empty).
using FieldValues = std::map<std::string, std::string>;

struct Form {
    std::string id;  ///< which form: "declare", "update", "handover"
    std::string title;
    std::string submit_label;
    std::vector<FormField> fields;
    /// Travels with the form and comes back with its submission (the conversation it was
    /// opened from, the role it hands over): never shown, never trusted for permissions.
    std::map<std::string, std::string> context;
    friend bool operator==(const Form&, const Form&) = default;

    const FormField* field(std::string_view field_id) const;
};

/// JSON for the outbox; stable across versions.
std::string serialize(const Form& form);

/// nullopt when `json` is not a form this code can read.
std::optional<Form> deserialize_form(std::string_view json);

}  // namespace firebreak::chat
