#pragma once
// chat markup (*bold*, "<@ENTRA-ID>") turned into the Markdown an Adaptive Card TextBlock
// reads, with every mention collected for msteams.entities. Internal to the cards renderer.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "firebreak/teams/directory.hpp"

namespace firebreak::teams::detail {

/// The people a message mentions, once each, in order of first mention.
class Mentions {
  public:
    /// "<at>Name</at>" for `aad_id`, remembering it; the name comes from `names`.
    std::string tag(std::string_view aad_id, const Directory& names);
    /// [{type:"mention", text:"<at>Name</at>", mentioned:{id, name}}, …]
    nlohmann::json entities() const;
    bool empty() const { return people_.empty(); }

  private:
    struct Mentioned {
        std::string id;
        std::string name;
    };
    std::vector<Mentioned> people_;
};

/// Teams Markdown for one line of chat markup: *bold* → **bold**, "<@ID>" → "<at>Name</at>",
/// and anything else Markdown would read (`*`, `_`, `[`, `]`, `\`, a list marker at the
/// start) escaped with a backslash so it shows as typed.
std::string line_markdown(std::string_view line, const Directory& names, Mentions& mentions);

/// Plain text that Markdown shows as typed (a label, a title, a name): escaped, no markup.
std::string escape_markdown(std::string_view text);

/// Plain text of chat markup for a preview: "*bold*" loses its stars, a mention reads as
/// the person's name, a conversation as "#ID".
std::string plain_text(std::string_view text, const Directory& names);

/// A display name safe inside "<at>…</at>": no angle brackets nor line breaks; "someone"
/// when nothing is left.
std::string mention_name(std::string_view name);

/// Splits on '\n' (a trailing '\r' dropped from each line).
std::vector<std::string_view> lines_of(std::string_view text);

}  // namespace firebreak::teams::detail
