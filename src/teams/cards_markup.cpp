#include "cards_markup.hpp"

#include <cctype>

namespace firebreak::teams::detail {
namespace {

/// The id of a mention "<@ID>" starting at `at` in `text`, and its length; 0 when there is
/// none there.
std::size_t mention_at(std::string_view text, std::size_t at, std::string_view& id) {
    if (!text.substr(at).starts_with("<@")) return 0;
    std::size_t close = text.find('>', at + 2);
    if (close == std::string_view::npos || close == at + 2) return 0;
    std::string_view inner = text.substr(at + 2, close - at - 2);
    for (char c : inner)
        if (c == '<' || c == ' ' || c == '\t' || c == '\n' || c == '\r') return 0;
    id = inner;
    return close - at + 1;
}

/// A conversation "<#ID>" or broadcast "<!here>"/"<!channel>" at `at`: the text it reads
/// as in Teams ("#name" for a channel firebreak made, else "#ID"; "@here") and its length;
/// 0 when there is none there. A bot may send no broadcast, so those read as plain text.
/// `link` is the channel's webUrl when the directory knows it.
std::size_t reference_at(std::string_view text, std::size_t at, std::string& reads_as,
                         const Directory* names = nullptr, std::string* link = nullptr) {
    std::string_view rest = text.substr(at);
    if (rest.starts_with("<!here>") || rest.starts_with("<!channel>")) {
        std::size_t close = rest.find('>');
        reads_as = "@" + std::string(rest.substr(2, close - 2));
        return close + 1;
    }
    if (!rest.starts_with("<#")) return 0;
    std::size_t close = rest.find('>');
    if (close == std::string_view::npos || close == 2) return 0;
    std::string_view inner = rest.substr(2, close - 2);
    for (char c : inner)
        if (c == '<' || c == ' ' || c == '\n') return 0;
    reads_as = "#" + std::string(inner);
    if (names) {
        if (auto known = names->channel(inner)) {
            reads_as = "#" + known->name;
            if (link) *link = known->web_url;
        }
    }
    return close + 1;
}

/// Where the *bold* span opened by the '*' at `open` closes, or npos: the span is on one
/// line, not empty, and neither starts nor ends with a space (as chat markup is written).
std::size_t bold_close(std::string_view line, std::size_t open) {
    if (open + 1 >= line.size() || line[open + 1] == ' ' || line[open + 1] == '*')
        return std::string_view::npos;
    std::size_t close = line.find('*', open + 1);
    if (close == std::string_view::npos || line[close - 1] == ' ') return std::string_view::npos;
    return close;
}

bool is_markdown_punct(char c) {
    return c == '*' || c == '_' || c == '[' || c == ']' || c == '\\';
}

/// The length of a list marker ("- ", "+ ", "12. ", "3) ") that `line` starts with, after
/// any spaces; the marker's last punctuation is what gets escaped.
std::size_t list_marker_end(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && line[i] == ' ') ++i;
    if (i + 1 < line.size() && (line[i] == '-' || line[i] == '+') && line[i + 1] == ' ')
        return i + 1;
    std::size_t digits = i;
    while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
    if (digits > i && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
        line[digits + 1] == ' ')
        return digits + 1;
    return 0;
}

/// Escapes Markdown in `text` with mentions rendered; bold spans are handled by the caller.
void append_escaped(std::string& out, std::string_view text, const Directory* names,
                    Mentions* mentions) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::string_view id;
        if (names && mentions) {
            if (std::size_t n = mention_at(text, i, id)) {
                out += mentions->tag(id, *names);
                i += n - 1;
                continue;
            }
        }
        std::string reads_as, link;
        if (std::size_t n = reference_at(text, i, reads_as, names, &link)) {
            const bool linked = !link.empty() && link.find_first_of("() \n") == std::string::npos;
            if (linked) out += '[';
            for (char c : reads_as) {
                if (is_markdown_punct(c)) out += '\\';
                out += c;
            }
            if (linked) out += "](" + link + ")";
            i += n - 1;
            continue;
        }
        if (is_markdown_punct(text[i])) out += '\\';
        out += text[i];
    }
}

std::string escape_line(std::string_view line, const Directory* names, Mentions* mentions,
                        bool bold) {
    std::string out;
    out.reserve(line.size() + 8);
    if (std::size_t marker = list_marker_end(line)) {
        out.append(line.substr(0, marker - 1));
        out += '\\';
        out += line[marker - 1];
        line.remove_prefix(marker);
    }
    std::size_t plain_from = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (!bold || line[i] != '*') continue;
        std::size_t close = bold_close(line, i);
        if (close == std::string_view::npos) continue;
        append_escaped(out, line.substr(plain_from, i - plain_from), names, mentions);
        out += "**";
        append_escaped(out, line.substr(i + 1, close - i - 1), names, mentions);
        out += "**";
        i = close;
        plain_from = close + 1;
    }
    append_escaped(out, line.substr(plain_from), names, mentions);
    return out;
}

}  // namespace

std::string mention_name(std::string_view name) {
    std::string out;
    for (char c : name)
        if (c != '<' && c != '>' && c != '\n' && c != '\r') out += c;
    if (out.find_first_not_of(' ') == std::string::npos) return "someone";
    return out;
}

std::string Mentions::tag(std::string_view aad_id, const Directory& names) {
    for (const auto& p : people_)
        if (p.id == aad_id) return "<at>" + p.name + "</at>";
    people_.push_back({std::string(aad_id), mention_name(names.name_of(aad_id))});
    return "<at>" + people_.back().name + "</at>";
}

nlohmann::json Mentions::entities() const {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : people_)
        out.push_back({{"type", "mention"},
                       {"text", "<at>" + p.name + "</at>"},
                       {"mentioned", {{"id", p.id}, {"name", p.name}}}});
    return out;
}

std::string line_markdown(std::string_view line, const Directory& names, Mentions& mentions) {
    return escape_line(line, &names, &mentions, true);
}

std::string escape_markdown(std::string_view text) {
    std::string out;
    for (auto line : lines_of(text)) {
        if (!out.empty()) out += '\n';
        out += escape_line(line, nullptr, nullptr, false);
    }
    return out;
}

std::string plain_text(std::string_view text, const Directory& names) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::string_view id;
        std::string reads_as;
        if (std::size_t n = mention_at(text, i, id)) {
            out += mention_name(names.name_of(id));
            i += n - 1;
        } else if (std::size_t r = reference_at(text, i, reads_as, &names)) {
            out += reads_as;
            i += r - 1;
        } else if (text[i] == '*') {
            // A star that opens or closes a bold span is markup; any other is text.
            std::size_t line_start = text.rfind('\n', i);
            line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
            std::size_t line_end = text.find('\n', i);
            std::string_view line = text.substr(line_start, line_end - line_start);
            std::size_t at = i - line_start;
            std::size_t close = bold_close(line, at);
            if (close == std::string_view::npos) {
                out += '*';
            } else {
                out += plain_text(line.substr(at + 1, close - at - 1), names);
                i = line_start + close;
            }
        } else {
            out += text[i];
        }
    }
    return out;
}

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    while (true) {
        std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        if (line.ends_with('\r')) line.remove_suffix(1);
        lines.push_back(line);
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
    }
    return lines;
}

}  // namespace firebreak::teams::detail
