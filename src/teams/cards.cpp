#include "firebreak/teams/cards.hpp"

#include "cards_elements.hpp"
#include "cards_markup.hpp"
#include "firebreak/core/clip.hpp"

namespace firebreak::teams {
namespace {

using nlohmann::json;

// Longest notification text: Teams shows a line or two of it.
constexpr std::size_t kMaxNotificationBytes = 1000;

const char* style_name(chat::ButtonStyle style) {
    switch (style) {
        case chat::ButtonStyle::primary:
            return "positive";
        case chat::ButtonStyle::danger:
            return "destructive";
        case chat::ButtonStyle::normal:
            break;
    }
    return "";
}

json people_picker(std::string id, std::string_view label) {
    return json{{"type", "Input.ChoiceSet"},
                {"id", std::move(id)},
                {"label", std::string(label)},
                {"placeholder", std::string(label)},
                {"isMultiSelect", false},
                {"choices", json::array()},
                {"choices.data", {{"type", "Data.Query"}, {"dataset", detail::kPeopleDataset}}}};
}

}  // namespace

namespace detail {

json execute_action(std::string_view title, json data, std::string_view style) {
    json submit{{"type", "Action.Submit"}, {"title", std::string(title)}, {"data", data}};
    json execute{{"type", "Action.Execute"},
                 {"title", std::string(title)},
                 {"verb", std::string(kActionVerb)},
                 {"data", std::move(data)}};
    if (!style.empty()) {
        submit["style"] = std::string(style);
        execute["style"] = std::string(style);
    }
    execute["fallback"] = std::move(submit);
    return execute;
}

json action_sets(const json& actions) {
    json sets = json::array();
    json current = json::array();
    for (const auto& a : actions) {
        current.push_back(a);
        if (current.size() == kMaxActionsPerSet) {
            sets.push_back({{"type", "ActionSet"}, {"actions", std::move(current)}});
            current = json::array();
        }
    }
    if (!current.empty()) sets.push_back({{"type", "ActionSet"}, {"actions", std::move(current)}});
    return sets;
}

json text_blocks(std::string_view text, const Directory& names, Mentions& mentions) {
    json blocks = json::array();
    if (text.empty()) return blocks;
    bool gap = false;
    for (auto line : lines_of(text)) {
        if (line.find_first_not_of(' ') == std::string_view::npos) {
            gap = !blocks.empty();
            continue;
        }
        json block{
            {"type", "TextBlock"}, {"text", line_markdown(line, names, mentions)}, {"wrap", true}};
        if (!blocks.empty()) block["spacing"] = gap ? "medium" : "none";
        blocks.push_back(std::move(block));
        gap = false;
    }
    return blocks;
}

json card(json body, json actions, const Mentions& mentions) {
    json c{{"type", "AdaptiveCard"},
           {"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
           {"version", "1.5"},
           {"body", std::move(body)}};
    if (!actions.empty()) c["actions"] = std::move(actions);
    json msteams{{"width", "Full"}};
    if (!mentions.empty()) msteams["entities"] = mentions.entities();
    c["msteams"] = std::move(msteams);
    return c;
}

json activity(json card_content, std::string_view summary) {
    // The mentions are the card's own (msteams.entities), which notify the people named.
    return json{{"type", "message"},
                {"summary", core::clip_bytes(summary, kMaxNotificationBytes)},
                {"attachments", json::array({{{"contentType", std::string(kCardContentType)},
                                              {"content", std::move(card_content)}}})},
                {"entities", json::array()}};
}

}  // namespace detail

namespace {

/// Lines of markup as one Markdown text (a paragraph each: Markdown ignores a single
/// line break).
std::string paragraphs(std::string_view text, const Directory& names, detail::Mentions& mentions) {
    std::string out;
    for (auto line : detail::lines_of(text))
        out += (out.empty() ? "" : "\n\n") + detail::line_markdown(line, names, mentions);
    return out;
}

json message_body(const chat::Message& m, const Directory& names, detail::Mentions& mentions) {
    json body = detail::text_blocks(m.text, names, mentions);
    if (!m.fields.empty()) {
        json facts = json::array();
        for (const auto& f : m.fields) {
            facts.push_back({{"title", detail::escape_markdown(f.label)},
                             {"value", paragraphs(f.value, names, mentions)}});
        }
        body.push_back({{"type", "FactSet"}, {"facts", std::move(facts)}});
    }
    json buttons = json::array();
    for (const auto& b : m.buttons)
        buttons.push_back(detail::execute_action(
            b.label, {{std::string(kDataKey), {{"command", b.command}}}}, style_name(b.style)));
    for (auto& set : detail::action_sets(buttons)) body.push_back(std::move(set));
    for (std::size_t i = 0; i < m.pickers.size(); ++i) {
        const auto& p = m.pickers[i];
        std::string input = std::string(kPickerInputPrefix) + std::to_string(i);
        body.push_back(people_picker(input, p.label));
        json data{{std::string(kDataKey), {{"picker", p.command}, {"input", input}}}};
        body.push_back({{"type", "ActionSet"},
                        {"spacing", "small"},
                        {"actions", json::array({detail::execute_action(p.label, data, "")})}});
    }
    if (!m.footer.empty())
        body.push_back({{"type", "TextBlock"},
                        {"text", paragraphs(m.footer, names, mentions)},
                        {"size", "small"},
                        {"isSubtle", true},
                        {"wrap", true}});
    return body;
}

}  // namespace

json message_card(const chat::Message& message, const Directory& names) {
    detail::Mentions mentions;
    json body = message_body(message, names, mentions);
    return detail::card(std::move(body), json::array(), mentions);
}

json message_activity(const chat::Message& message, const Directory& names) {
    std::string summary = detail::plain_text(message.text, names);
    if (summary.empty()) summary = detail::plain_text(message.footer, names);
    return detail::activity(message_card(message, names), summary);
}

json invoke_card(const json& card) {
    return json{{"statusCode", 200}, {"type", std::string(kCardContentType)}, {"value", card}};
}

json invoke_message(std::string_view text) {
    return json{{"statusCode", 200},
                {"type", "application/vnd.microsoft.activity.message"},
                {"value", std::string(text)}};
}

json invoke_error(int status, std::string_view code, std::string_view message) {
    return json{{"statusCode", status},
                {"type", "application/vnd.microsoft.error"},
                {"value", {{"code", std::string(code)}, {"message", std::string(message)}}}};
}

}  // namespace firebreak::teams
