#include "firebreak/slack/blocks.hpp"

#include "firebreak/core/clip.hpp"

namespace firebreak::slack {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxFieldsPerSection = 10;
constexpr std::size_t kMaxFieldChars = 2000;
constexpr std::size_t kMaxElementsPerActions = 25;
constexpr std::size_t kMaxButtonLabel = 75;
constexpr std::size_t kMaxActionValue = 2000;
constexpr std::size_t kMaxFallbackChars = 3000;

/// Slack counts these limits in characters; clipping by bytes (never fewer than
/// characters, nor than UTF-16 units) keeps within them whatever Slack counts.
std::string clip(std::string_view text, std::size_t limit) {
    return core::clip_bytes(text, limit);
}

json plain(std::string_view text) {
    return json{{"type", "plain_text"}, {"text", std::string(text)}, {"emoji", true}};
}

json mrkdwn(std::string_view text) {
    return json{{"type", "mrkdwn"}, {"text", std::string(text)}};
}

/// A reference Slack renders: <@U…>, <#C…>, and the broadcasts <!here>, <!channel>.
/// Broadcasts reach this point only from the bot's own templates: text people type is
/// defused on the way in (defuse_broadcasts).
bool is_slack_reference(std::string_view inner) {
    if (inner == "!here" || inner == "!channel") return true;
    if (inner.size() < 2) return false;
    char sigil = inner[0];
    if (sigil != '@' && sigil != '#') return false;
    for (char c : inner.substr(1))
        if (c == '<' || c == '>' || c == '&' || c == '\n') return false;
    return true;
}

const char* style_name(chat::ButtonStyle style) {
    switch (style) {
        case chat::ButtonStyle::primary:
            return "primary";
        case chat::ButtonStyle::danger:
            return "danger";
        case chat::ButtonStyle::normal:
            break;
    }
    return "";
}

json blocks_of(const chat::Message& m) {
    json blocks = json::array();
    for (const auto& piece : split_text(to_mrkdwn(m.text)))
        blocks.push_back({{"type", "section"}, {"text", mrkdwn(piece)}});
    json fields = json::array();
    for (const auto& f : m.fields) {
        fields.push_back(
            mrkdwn(clip("*" + to_mrkdwn(f.label) + "*\n" + to_mrkdwn(f.value), kMaxFieldChars)));
        if (fields.size() == kMaxFieldsPerSection) {
            blocks.push_back({{"type", "section"}, {"fields", std::move(fields)}});
            fields = json::array();
        }
    }
    if (!fields.empty()) blocks.push_back({{"type", "section"}, {"fields", std::move(fields)}});

    json elements = json::array();
    auto flush = [&] {
        if (!elements.empty()) blocks.push_back({{"type", "actions"}, {"elements", elements}});
        elements = json::array();
    };
    for (std::size_t i = 0; i < m.buttons.size(); ++i) {
        const auto& b = m.buttons[i];
        if (b.command.size() > kMaxActionValue) continue;  // cannot be carried; never cut a command
        json button{{"type", "button"},
                    {"text", plain(clip(b.label, kMaxButtonLabel))},
                    {"action_id", std::string(kRunAction) + std::to_string(i)},
                    {"value", b.command}};
        if (const char* style = style_name(b.style); *style) button["style"] = style;
        elements.push_back(std::move(button));
        if (elements.size() == kMaxElementsPerActions) flush();
    }
    for (const auto& p : m.pickers) {
        elements.push_back({{"type", "users_select"},
                            {"placeholder", plain(clip(p.label, 150))},
                            {"action_id", std::string(kPickAction) + p.command}});
        if (elements.size() == kMaxElementsPerActions) flush();
    }
    flush();
    if (!m.footer.empty())
        blocks.push_back({{"type", "context"},
                          {"elements", json::array({mrkdwn(clip(to_mrkdwn(m.footer), 3000))})}});
    return blocks;
}

}  // namespace

std::string to_mrkdwn(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '<') {
            auto close = text.find('>', i);
            if (close != std::string_view::npos &&
                is_slack_reference(text.substr(i + 1, close - i - 1))) {
                out.append(text.substr(i, close - i + 1));
                i = close;
                continue;
            }
            out += "&lt;";
        } else if (c == '>') {
            out += "&gt;";
        } else if (c == '&') {
            out += "&amp;";
        } else {
            out += c;
        }
    }
    return out;
}

std::string unescape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::string_view rest = text.substr(i);
        if (rest.starts_with("&lt;")) {
            out += '<';
            i += 3;
        } else if (rest.starts_with("&gt;")) {
            out += '>';
            i += 3;
        } else if (rest.starts_with("&amp;")) {
            out += '&';
            i += 4;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string defuse_broadcasts(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.substr(i).starts_with("<!")) {
            auto close = text.find('>', i);
            if (close != std::string_view::npos) {
                std::string_view inner = text.substr(i + 2, close - i - 2);
                auto bar = inner.find('|');
                out +=
                    "@" + std::string(bar == std::string_view::npos ? inner : inner.substr(0, bar));
                i = close;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

std::vector<std::string> split_text(std::string_view text, std::size_t limit) {
    std::vector<std::string> pieces;
    while (!text.empty()) {
        if (text.size() <= limit) {
            pieces.emplace_back(text);
            break;
        }
        std::string_view window = core::prefix_bytes(text, limit);
        std::size_t newline = window.rfind('\n');
        std::size_t take =
            newline != std::string_view::npos && newline > 0 ? newline : window.size();
        if (take == 0) take = 1;  // a limit smaller than one character: still progress
        pieces.emplace_back(text.substr(0, take));
        text.remove_prefix(take);
        if (!text.empty() && text.front() == '\n') text.remove_prefix(1);
    }
    return pieces;
}

json render(const chat::Message& message) {
    return render(std::vector<chat::Message>{message});
}

json render(const std::vector<chat::Message>& messages) {
    json blocks = json::array();
    std::string fallback;
    std::size_t left_out = 0;
    for (const auto& m : messages) {
        json own = blocks_of(m);
        if (!blocks.empty() && !own.empty()) own.insert(own.begin(), json{{"type", "divider"}});
        for (auto& b : own) {
            if (blocks.size() < kMaxBlocks - 1)
                blocks.push_back(std::move(b));
            else
                ++left_out;
        }
        if (!m.text.empty()) fallback += (fallback.empty() ? "" : "\n") + m.text;
    }
    if (left_out > 0)
        blocks.push_back(
            {{"type", "context"},
             {"elements",
              json::array({mrkdwn("(" + std::to_string(left_out) +
                                  " more block(s) did not fit in one Slack message)")})}});
    return json{{"text", clip(to_mrkdwn(fallback), kMaxFallbackChars)},
                {"blocks", std::move(blocks)}};
}

}  // namespace firebreak::slack
