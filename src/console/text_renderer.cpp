#include "firebreak/console/text_renderer.hpp"

#include "firebreak/core/printable.hpp"

namespace firebreak::console {

std::string render_mentions(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool conversation = text.compare(i, 2, "<#") == 0;
        if (conversation || text.compare(i, 2, "<@") == 0 || text.compare(i, 2, "<!") == 0) {
            std::size_t end = text.find('>', i);
            if (end != std::string::npos) {
                std::string inner = text.substr(i + 2, end - i - 2);
                // The console's conversations are their names: <#name> reads #name.
                out += (conversation ? "#" : "@") + inner.substr(0, inner.find('|'));
                i = end;
                continue;
            }
        }
        out.push_back(text[i]);
    }
    return out;
}

namespace {

/// Appends each line of `text` to `out`, behind `prefix`.
void add_lines(std::string& out, const std::string& prefix, const std::string& text) {
    std::size_t start = 0;
    while (true) {
        std::size_t nl = text.find('\n', start);
        out += prefix + text.substr(start, nl == std::string::npos ? nl : nl - start) + "\n";
        if (nl == std::string::npos) return;
        start = nl + 1;
    }
}

}  // namespace

std::string render(const chat::Message& m, int first_button, const std::string& indent) {
    std::string out;
    add_lines(out, indent, render_mentions(m.text));
    for (const auto& f : m.fields)
        add_lines(out, indent + "  ", f.label + ": " + render_mentions(f.value));
    if (!m.footer.empty()) add_lines(out, indent + "  > ", render_mentions(m.footer));
    if (!m.buttons.empty()) {
        std::string row;
        int n = first_button;
        for (const auto& b : m.buttons)
            row +=
                (row.empty() ? "" : "  ") + std::string("[") + std::to_string(n++) + "] " + b.label;
        add_lines(out, indent + "  ", row + "   (:click N)");
    }
    // What people typed reaches a terminal here: no escape sequence may act on it.
    return core::printable(out);
}

}  // namespace firebreak::console
