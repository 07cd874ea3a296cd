#pragma once
// The platform-neutral message model that `app` produces and each adapter renders
// (Block Kit, Adaptive Cards, plain text).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace firebreak::chat {

enum class ButtonStyle { normal, primary, danger };

/// A button runs `command` (the words after "/incident") as whoever clicks it, in the
/// conversation the message is in. A command the grammar answers with a form (`update`
/// with no text) opens that form on platforms that have forms.
struct Button {
    std::string label;
    std::string command;
    ButtonStyle style = ButtonStyle::normal;
    friend bool operator==(const Button&, const Button&) = default;
};

struct Field {
    std::string label;
    std::string value;
    friend bool operator==(const Field&, const Field&) = default;
};

/// A person picker: choosing someone runs "`command` <@chosen>" as whoever chose, e.g.
/// command "tl" assigns the Tech Lead.
struct UserPicker {
    std::string label;
    std::string command;
    friend bool operator==(const UserPicker&, const UserPicker&) = default;
};

/// Text uses a small common markup: *bold*, and mentions written "<@USERID>".
struct Message {
    std::string text;
    std::vector<Field> fields;
    std::vector<Button> buttons;
    std::string footer;  ///< small print under the message
    std::vector<UserPicker> pickers;
    friend bool operator==(const Message&, const Message&) = default;
};

/// JSON for the outbox; stable across versions (unknown keys are ignored on read).
std::string serialize(const Message& message);

/// nullopt when `json` is not a message this code can read.
std::optional<Message> deserialize(std::string_view json);

}  // namespace firebreak::chat
