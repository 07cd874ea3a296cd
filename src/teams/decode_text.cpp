// Teams' message text made plain: its HTML stripped, its entities decoded, its mentions
// turned into the neutral "<@ENTRA-ID>" the command grammar reads.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

#include "decode_detail.hpp"

namespace firebreak::teams::detail {
namespace {

using nlohmann::json;

/// More mention entities than a person can type in one message; the rest read "@Name".
constexpr std::size_t kMaxMentions = 100;

char lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool starts_with_nocase(std::string_view text, std::size_t at, std::string_view prefix) {
    if (at + prefix.size() > text.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (lower(text[at + i]) != prefix[i]) return false;
    return true;
}

std::size_t find_nocase(std::string_view text, std::size_t from, std::string_view needle) {
    for (std::size_t at = from; at + needle.size() <= text.size(); ++at)
        if (starts_with_nocase(text, at, needle)) return at;
    return std::string_view::npos;
}

/// Tags that separate words when shown: stripping them leaves a space.
bool is_block_tag(std::string_view name) {
    static constexpr std::array<std::string_view, 17> kBlock = {
        "p",     "div", "br", "li", "ul", "ol", "tr", "td",        "th",
        "table", "h1",  "h2", "h3", "h4", "h5", "h6", "blockquote"};
    for (auto b : kBlock)
        if (name == b) return true;
    return false;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/// The character an entity (what is between '&' and ';') stands for; nullopt when it is
/// not one this decoder knows, and then the text is kept as written.
std::optional<std::string> entity(std::string_view name) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kNamed = {{
        {"amp", "&"},
        {"lt", "<"},
        {"gt", ">"},
        {"quot", "\""},
        {"apos", "'"},
        {"nbsp", " "},
    }};
    for (auto [n, v] : kNamed)
        if (name == n) return std::string(v);
    if (name.size() < 2 || name[0] != '#') return std::nullopt;
    bool hex = name[1] == 'x' || name[1] == 'X';
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 6) return std::nullopt;
    std::uint32_t cp = 0;
    for (char ch : digits) {
        int d = std::isdigit(static_cast<unsigned char>(ch))           ? ch - '0'
                : hex && std::isxdigit(static_cast<unsigned char>(ch)) ? lower(ch) - 'a' + 10
                                                                       : -1;
        if (d < 0) return std::nullopt;
        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    std::string out;
    // Control characters (a NUL among them) become a space: never markup, never a cut.
    if (cp < 0x20 || cp == 0x7F)
        out = " ";
    else
        append_utf8(out, cp);
    return out;
}

/// Strips tags and decodes entities in `html`, with no mention handling: what a mention's
/// own text and a message's parts between mentions go through.
void strip_into(std::string& out, std::string_view html) {
    const std::size_t start = out.size();
    // The next '>' at or after i, found again only once passed: linear however many '<'.
    std::size_t close = html.find('>');
    for (std::size_t i = 0; i < html.size();) {
        char ch = html[i];
        if (ch == '<' && i + 1 < html.size() &&
            (std::isalpha(static_cast<unsigned char>(html[i + 1])) || html[i + 1] == '/' ||
             html[i + 1] == '!')) {
            if (close != std::string_view::npos && close < i) close = html.find('>', i);
            if (close != std::string_view::npos) {
                std::size_t n = i + 1 + (html[i + 1] == '/' ? 1 : 0), end = n;
                while (end < close && std::isalnum(static_cast<unsigned char>(html[end]))) ++end;
                std::string name;
                for (std::size_t k = n; k < end; ++k) name += lower(html[k]);
                if (is_block_tag(name)) out += ' ';
                i = close + 1;
                continue;
            }
        }
        if (ch == '&') {
            // The longest entity known, "&#x10FFFF;", is 10 characters.
            std::size_t semi = html.substr(i, 11).find(';');
            if (semi != std::string_view::npos) {
                semi += i;
                if (auto decoded = entity(html.substr(i + 1, semi - i - 1))) {
                    out += *decoded;
                    i = semi + 1;
                    continue;
                }
            }
        }
        out += ch;
        ++i;
    }
    // Typed text never becomes markup: "<@…>" is what a real mention turns into, so a '<'
    // the person typed (or "&lt;") before '@', '#' or '!' is kept apart from it.
    for (std::size_t at = start == 0 ? 0 : start - 1; at + 1 < out.size(); ++at)
        if (out[at] == '<' && (out[at + 1] == '@' || out[at + 1] == '#' || out[at + 1] == '!'))
            out.insert(at + 1, 1, ' ');
}

/// `text` with every run of whitespace (a no-break space and control characters among it)
/// made one space, trimmed.
std::string collapse_whitespace(std::string_view text) {
    std::string out;
    bool space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char ch = static_cast<unsigned char>(text[i]);
        bool ws = ch <= 0x20 || ch == 0x7F;
        if (ch == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
            ws = true;
            ++i;
        }
        if (ws) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += static_cast<char>(ch);
    }
    return out;
}

}  // namespace

std::vector<Mention> mentions_of(const json& body) {
    std::vector<Mention> out;
    const json* entities = member(body, "entities");
    if (!entities || !entities->is_array()) return out;
    for (const auto& e : *entities) {
        // Matching is by mention × entity: a bound keeps a hostile body linear.
        if (out.size() == kMaxMentions) break;
        if (string_at(e, "type") != "mention") continue;
        const json* m = member(e, "mentioned");
        if (!m || !m->is_object()) continue;
        out.push_back({string_at(e, "text"), string_at(*m, "id"), string_at(*m, "name"),
                       string_at(*m, "aadObjectId")});
    }
    return out;
}

PlainText plain_text(std::string_view html, const std::vector<Mention>& mentions,
                     std::string_view bot_id, const Directory& directory) {
    PlainText result;
    std::vector<bool> used(mentions.size(), false);
    std::string out;
    std::size_t done = 0;  // html[0, done) is in `out`
    for (std::size_t at = find_nocase(html, 0, "<at"); at != std::string_view::npos;
         at = find_nocase(html, at + 1, "<at")) {
        if (at < done) continue;
        // "<at>" or "<at id=…>", not "<atom>".
        char after = at + 3 < html.size() ? html[at + 3] : '\0';
        if (after != '>' && !std::isspace(static_cast<unsigned char>(after))) continue;
        std::size_t open_end = html.find('>', at);
        if (open_end == std::string_view::npos) break;
        std::size_t close = find_nocase(html, open_end, "</at>");
        if (close == std::string_view::npos) break;
        strip_into(out, html.substr(done, at - done));
        done = close + 5;

        std::string raw(html.substr(at, done - at));
        std::string name;
        strip_into(name, html.substr(open_end + 1, close - open_end - 1));
        name = collapse_whitespace(name);
        // The entity for this mention: the first unused one with the same text, else the
        // first unused one with the same name.
        std::optional<std::size_t> which;
        for (int pass = 0; pass < 2 && !which; ++pass)
            for (std::size_t k = 0; k < mentions.size() && !which; ++k)
                if (!used[k] && (pass == 0 ? mentions[k].text == raw : mentions[k].name == name))
                    which = k;
        if (!which) {
            out += "@" + name;
            continue;
        }
        used[*which] = true;
        const Mention& m = mentions[*which];
        if (!bot_id.empty() && m.member_id == bot_id) {
            out += ' ';
            continue;
        }
        std::string aad = m.aad_id;
        if (!is_entra_id(aad))
            if (auto known = directory.by_member_id(m.member_id)) aad = known->aad_id;
        if (is_entra_id(aad)) {
            out += "<@" + aad + ">";
        } else {
            auto& unknown = result.unknown_mentions;
            if (!m.member_id.empty() &&
                std::find(unknown.begin(), unknown.end(), m.member_id) == unknown.end())
                unknown.push_back(m.member_id);
            out += "@" + name;
        }
    }
    strip_into(out, html.substr(done));
    result.text = collapse_whitespace(out);
    return result;
}

}  // namespace firebreak::teams::detail
