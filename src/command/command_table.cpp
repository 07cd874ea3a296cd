#include "firebreak/command/command_table.hpp"

#include <algorithm>
#include <array>

#include "firebreak/command/text.hpp"
#include "firebreak/core/edit_distance.hpp"

namespace firebreak::command {
namespace {

// The order of DESIGN.md's grammar, which is roughly the order of an incident. People are
// written `@user`, not Slack's `<@user>`: Slack would read that as a mention to render,
// and the console renders it too.
constexpr std::array kCommands{
    CommandSpec{"declare", "/incident declare <title> [sev1|sev2|sev3|sev4] [--private] [--drill]",
                "declare an incident; with no title, open the form", false},
    CommandSpec{"sev", "/incident sev <sev1..sev4>", "promote or downgrade the severity", true},
    CommandSpec{"ic", "/incident ic @user|me",
                "assign the Incident Commander, who owns coordination", true},
    CommandSpec{"tl", "/incident tl @user|me",
                "assign the Tech Lead, who owns diagnosis and mitigation", true},
    CommandSpec{"comms", "/incident comms @user|me", "assign the Comms Lead, who owns the updates",
                true},
    CommandSpec{"status", "/incident status <investigating|mitigating|monitoring>",
                "move the incident to another status", true},
    CommandSpec{"update", "/incident update <text>",
                "post a status update; re-times the update cadence", true},
    CommandSpec{"nochange", "/incident nochange",
                "post \"No change, still investigating; next update at …\"", true},
    CommandSpec{"note", "/incident note <text>", "add a note to the timeline", true},
    CommandSpec{"decision", "/incident decision <text> [--reversible|--irreversible]",
                "log a decision; in a SEV1, or when irreversible, the IC and TL acknowledge it",
                true},
    CommandSpec{"ack", "/incident ack <decision number>", "acknowledge a proposed decision", true},
    CommandSpec{"mitigated", "/incident mitigated [text]",
                "impact reduced; stamps the mitigated time and starts the watch period", true},
    CommandSpec{"resolve", "/incident resolve [text] [--force]",
                "confirm the resolution criteria and resolve (--force skips them); the IC is "
                "reminded to hold the review",
                true},
    CommandSpec{"notyet", "/incident notyet", "not ready to resolve: start the watch period again",
                true},
    CommandSpec{"reopen", "/incident reopen [reason]", "take a resolved incident back to work",
                true},
    CommandSpec{"close", "/incident close", "the review is done; closes a resolved incident", true},
    CommandSpec{"cancel", "/incident cancel [reason]", "cancel an incident declared by mistake",
                true},
    CommandSpec{"handover", "/incident handover <ic|tl|comms> @user|me <current-state summary>",
                "hand a role over with a written summary of where things stand", true},
    CommandSpec{"action",
                "/incident action <text> owner:@user|me due:<YYYY-MM-DD> [priority:p1|p2|p3] "
                "[verify:<text>]",
                "add a follow-up action item: owned, dated, verifiable", true},
    CommandSpec{"actions", "/incident actions",
                "list the action items with owner, due date and state", true},
    CommandSpec{"done", "/incident done <n>", "mark action item n done", true},
    CommandSpec{"notdoing", "/incident notdoing <n> [reason]",
                "mark action item n as not doing, with the reason", true},
    CommandSpec{"reassign", "/incident reassign <n> @user|me", "give action item n a new owner",
                true},
    CommandSpec{"due", "/incident due <n> <YYYY-MM-DD>", "move action item n's due date", true},
    CommandSpec{"impact", "/incident impact <text>",
                "record customer impact for the review: who or what, and how much", true},
    CommandSpec{"rootcause", "/incident rootcause <text>", "record the root cause for the review",
                true},
    CommandSpec{"factor", "/incident factor <text>", "record a contributing factor for the review",
                true},
    CommandSpec{"wentwell", "/incident wentwell <text>", "record what went well, for the review",
                true},
    CommandSpec{"wentbadly", "/incident wentbadly <text>",
                "record what did not go well, for the review", true},
    CommandSpec{"snooze", "/incident snooze [duration]",
                "postpone the update reminder (15m, 2h, …)", true},
    CommandSpec{"publish",
                "/incident publish [investigating|identified|monitoring|resolved] [text] | "
                "publish --title <public title>",
                "a customer-facing update on the status page, shown as a preview first (no "
                "text: the external template)",
                true},
    CommandSpec{"affects", "/incident affects <component>[=degraded|partial|major] ... | none",
                "which status-page components the incident hits, and how", true},
    CommandSpec{"bridge", "/incident bridge <url>", "set or replace the incident's video bridge",
                true},
    CommandSpec{"workstream",
                "/incident workstream <name> @user|me [what] | <name> done|blocked [text]",
                "start a parallel workstream with one owner, or mark it done or blocked", true},
    CommandSpec{"escalate", "/incident escalate <area> <why>",
                "ask for help in the escalation channel, with a Join button", true},
    CommandSpec{"join", "/incident join <incident>",
                "join an incident's channel (the Join button of a help request)", false},
    CommandSpec{"checklist", "/incident checklist", "show the incident's checklist", true},
    CommandSpec{"check", "/incident check <item>", "tick a checklist item by hand", true},
    CommandSpec{"timeline", "/incident timeline [page]",
                "show the timeline, a page at a time; the latest page when none is named", true},
    CommandSpec{"summary", "/incident summary", "show where the incident stands", true},
    CommandSpec{"postmortem", "/incident postmortem", "draft the postmortem from the timeline",
                true},
    CommandSpec{"list", "/incident list", "list the open incidents", false},
    CommandSpec{"stats", "/incident stats [since:<duration>] [sev1..sev4]",
                "MTTA, MTTM, MTTR, update cadence and repeats over the last 30 days (or since:)",
                false},
    CommandSpec{"help", "/incident help", "show this list", false},
};

}  // namespace

std::span<const CommandSpec> command_table() {
    return kCommands;
}

const CommandSpec* find_command(std::string_view name) {
    for (const CommandSpec& spec : kCommands) {
        if (spec.name == name) return &spec;
    }
    return nullptr;
}

std::optional<std::string_view> suggest_command(std::string_view word) {
    constexpr std::size_t kMaxDistance = 2;
    // No command name is longer than 10 bytes, so a longer word cannot be close; the
    // check also keeps huge words cheap.
    if (word.size() > 16) return std::nullopt;
    const std::string lowered = to_lower(word);
    // Swapped letters are the commonest slip, and Levenshtein counts a swap as two edits:
    // the same letters in another order ("stauts") name that command, not a nearer one
    // ("stats").
    std::string letters = lowered;
    std::sort(letters.begin(), letters.end());
    for (const CommandSpec& spec : kCommands) {
        std::string name(spec.name);
        std::sort(name.begin(), name.end());
        if (name == letters && core::edit_distance(lowered, spec.name) <= kMaxDistance)
            return spec.name;
    }
    std::optional<std::string_view> best;
    std::size_t best_distance = kMaxDistance + 1;
    for (const CommandSpec& spec : kCommands) {
        const std::size_t distance = core::edit_distance(lowered, spec.name);
        // A name every letter of which must change is no suggestion ("x" is not "ic").
        if (distance < best_distance && distance < spec.name.size()) {
            best = spec.name;
            best_distance = distance;
        }
    }
    return best;
}

std::string help_text() {
    std::string text;
    for (const CommandSpec& spec : kCommands) {
        if (!text.empty()) text += '\n';
        text += spec.usage;
        text += " — ";
        text += spec.summary;
    }
    return text;
}

}  // namespace firebreak::command
