#include "firebreak/core/clip.hpp"
#include "firebreak/teams/cards.hpp"

namespace firebreak::teams {
namespace {

/// Where to end a part whose text may be at most `window`: the last paragraph break, else
/// line break, else space in its second half (so a part is never much shorter than it
/// could be), else the window itself but not inside a mention "<@…>". Returns the length
/// of text to keep and how many separator bytes follow it.
std::pair<std::size_t, std::size_t> cut_point(std::string_view window, bool whole_text) {
    if (whole_text) return {window.size(), 0};
    std::size_t half = window.size() / 2;
    for (std::string_view sep : {"\n\n", "\n", " "}) {
        std::size_t at = window.rfind(sep);
        if (at != std::string_view::npos && at > 0 && at >= half) return {at, sep.size()};
    }
    std::size_t open = window.rfind("<@");
    std::size_t close = window.rfind('>');
    if (open != std::string_view::npos && open > 0 &&
        (close == std::string_view::npos || close < open))
        return {open, 0};
    return {window.size(), 0};
}

class Splitter {
  public:
    Splitter(const Directory& names, std::size_t limit) : names_(names), limit_(limit) {}

    bool fits(const chat::Message& part) const {
        return teams_size(message_activity(part, names_)) < limit_;
    }

    /// The longest prefix of `text` (by bytes, on a character boundary) that fits as a
    /// text-only part; at least one character, so that splitting always progresses.
    std::size_t longest_fitting(std::string_view text) const {
        std::size_t lo = 0, hi = text.size();
        while (lo < hi) {
            std::size_t mid = lo + (hi - lo + 1) / 2;
            chat::Message part;
            part.text = std::string(core::prefix_bytes(text, mid));
            if (fits(part))
                lo = mid;
            else
                hi = mid - 1;
        }
        std::size_t n = core::prefix_bytes(text, lo).size();
        if (n == 0) n = std::max<std::size_t>(1, core::prefix_bytes(text, 4).size());
        return std::min(n, text.size());
    }

    /// The fields, buttons, pickers and footer as the last part, or as several when they do
    /// not fit in one: fields packed in order into parts of their own, the rest with the
    /// buttons. A single field that fits nowhere has its value cut.
    std::vector<chat::Message> tail_parts(const chat::Message& m) const {
        chat::Message tail;
        tail.fields = m.fields;
        tail.buttons = m.buttons;
        tail.pickers = m.pickers;
        tail.footer = m.footer;
        if (fits(tail)) return {tail};
        std::vector<chat::Message> parts;
        chat::Message group;
        for (auto field : m.fields) {
            chat::Message with = group;
            with.fields.push_back(field);
            if (fits(with)) {
                group = std::move(with);
                continue;
            }
            if (!group.fields.empty()) parts.push_back(std::move(group));
            group = chat::Message{};
            group.fields.push_back(clip_to_fit(field));
        }
        chat::Message last = group;
        last.buttons = m.buttons;
        last.pickers = m.pickers;
        last.footer = m.footer;
        if (fits(last) || group.fields.empty()) {
            parts.push_back(std::move(last));
        } else {
            parts.push_back(std::move(group));
            last.fields.clear();
            parts.push_back(std::move(last));
        }
        return parts;
    }

  private:
    chat::Field clip_to_fit(chat::Field field) const {
        chat::Message alone;
        alone.fields.push_back(field);
        if (fits(alone)) return field;
        std::size_t lo = 0, hi = field.value.size();
        while (lo < hi) {
            std::size_t mid = lo + (hi - lo + 1) / 2;
            alone.fields[0].value = core::clip_bytes(field.value, mid);
            if (fits(alone))
                lo = mid;
            else
                hi = mid - 1;
        }
        field.value = core::clip_bytes(field.value, lo);
        return field;
    }

    const Directory& names_;
    std::size_t limit_;
};

}  // namespace

std::vector<chat::Message> split_message(const chat::Message& message, const Directory& names,
                                         std::size_t limit) {
    Splitter splitter(names, limit);
    if (splitter.fits(message)) return {message};
    std::vector<chat::Message> tail = splitter.tail_parts(message);
    std::vector<chat::Message> parts;
    std::string_view rest = message.text;
    while (!rest.empty()) {
        chat::Message with_tail = tail.front();
        with_tail.text = std::string(rest);
        if (splitter.fits(with_tail)) {
            tail.front().text = std::string(rest);
            break;
        }
        std::size_t n = splitter.longest_fitting(rest);
        auto [keep, separator] = cut_point(rest.substr(0, n), n == rest.size());
        chat::Message part;
        part.text = std::string(rest.substr(0, keep));
        parts.push_back(std::move(part));
        rest.remove_prefix(keep + separator);
    }
    for (auto& t : tail)
        if (!(t == chat::Message{})) parts.push_back(std::move(t));
    return parts;
}

std::size_t teams_size(const nlohmann::json& activity) {
    // Teams counts UTF-16 code units: one per UTF-8 lead byte, two for a 4-byte sequence.
    // `replace` is how an ill-formed byte would be sent (as U+FFFD: one unit).
    std::string text = activity.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::size_t units = 0;
    for (unsigned char c : text) {
        if ((c & 0xC0) == 0x80) continue;
        units += c >= 0xF0 ? 2 : 1;
    }
    return units;
}

}  // namespace firebreak::teams
