#include "views.hpp"

#include "firebreak/command/command_table.hpp"
#include "firebreak/core/clip.hpp"

namespace firebreak::app::views {
namespace {

using core::Role;

using core::mention;

std::string holder_text(const core::Incident& inc, Role r) {
    return inc.holder(r) ? mention(inc.holder(r)->user) : "unassigned";
}

std::string headline(const core::Incident& inc, const core::Policy& policy) {
    return "*" + std::string(inc.is_drill ? "[DRILL] " : "") + "[" +
           policy.severity_label(inc.severity) + "] " + inc.title + "*";
}

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
    return out;
}

}  // namespace

std::string short_role_name(Role r) {
    switch (r) {
        case Role::ic:
            return "IC";
        case Role::tl:
            return "TL";
        case Role::comms:
            return "Comms";
    }
    return "IC";
}

chat::Message summary(const core::Incident& inc, const core::Policy& policy, core::Timestamp now,
                      const core::PublicFace* face) {
    chat::Message m;
    m.text = headline(inc, policy);
    m.fields.push_back({"Incident", inc.name});
    m.fields.push_back({"Status", std::string(core::to_string(inc.status))});
    for (Role r : core::kAllRoles) m.fields.push_back({policy.role_name(r), holder_text(inc, r)});
    if (inc.next_update_due) {
        std::string when = core::format_clock(*inc.next_update_due);
        if (*inc.next_update_due < now) when += " (overdue)";
        m.fields.push_back({"Next update", when});
    }
    if (!inc.impact.what_broken.empty())
        m.fields.push_back({"What is broken", inc.impact.what_broken});
    if (!inc.impact.who_affected.empty())
        m.fields.push_back({"Who is affected", inc.impact.who_affected});
    m.fields.push_back({"Declared", core::format_time(inc.milestones.declared_at) + " by " +
                                        mention(inc.declared_by)});
    if (core::is_live(inc.status))
        for (Role r : core::kAllRoles)
            if (!inc.holder(r))
                m.buttons.push_back({"Claim " + short_role_name(r),
                                     std::string(core::to_string(r)) + " me",
                                     chat::ButtonStyle::primary});
    if (core::is_live(inc.status)) {
        m.buttons.push_back({"Post update", "update", chat::ButtonStyle::normal});
        for (Role r : core::kAllRoles)
            m.pickers.push_back({"Assign " + policy.role_name(r), std::string(core::to_string(r))});
    }
    add_public_face(m, inc, policy, face);
    if (inc.is_drill) m.footer = "This is a drill.";
    return m;
}

std::string topic(const core::Incident& inc, const core::Policy& policy) {
    std::string t =
        std::string(inc.is_drill ? "[DRILL] " : "") + policy.severity_label(inc.severity) + " · " +
        std::string(core::to_string(inc.status)) + " · IC: " + holder_text(inc, Role::ic);
    return t;
}

std::map<std::string, std::string> template_values(const core::Incident& inc,
                                                   const ServiceSettings& settings,
                                                   const std::string& text) {
    const core::Policy& policy = settings.policy;
    const core::SeverityLevel* level = policy.find_severity(inc.severity);
    std::string impact = inc.impact.what_broken;
    if (!inc.impact.who_affected.empty())
        impact += (impact.empty() ? "" : "; affects ") + inc.impact.who_affected;
    std::string review_due;
    if (inc.milestones.resolved_at)
        review_due = core::format_date(
            core::add_business_days(core::date_of(*inc.milestones.resolved_at),
                                    settings.reminders.review_within_business_days));
    std::string next = inc.next_update_due ? core::format_clock(*inc.next_update_due)
                                           : std::string("no fixed time");
    return {
        {"incident", inc.name},
        {"title", inc.title},
        {"severity", core::Policy::severity_code(inc.severity)},
        {"severity_name", level ? level->name : inc.severity},
        {"status", std::string(core::to_string(inc.status))},
        {"impact", impact.empty() ? "not yet known" : impact},
        {"next_update", next},
        {"ic", holder_text(inc, Role::ic)},
        {"tl", holder_text(inc, Role::tl)},
        {"comms", holder_text(inc, Role::comms)},
        {"channel", channel_reference(inc)},
        {"text", text},
        {"review_due", review_due},
        {"due", next},
        {"who", inc.holder(Role::comms) ? mention(inc.holder(Role::comms)->user)
                : inc.holder(Role::ic)  ? mention(inc.holder(Role::ic)->user)
                                        : std::string("<!channel>")},
    };
}

std::string channel_reference(const core::Incident& inc) {
    return inc.conversation.empty() ? std::string("creating the channel…")
                                    : "<#" + inc.conversation + ">";
}

std::vector<std::string> announcement_parts(const core::Incident& inc,
                                            const ServiceSettings& settings) {
    // Split before filling, so nothing people typed (a title) can pass for the placeholder.
    constexpr std::string_view kChannel = "{channel}";
    const std::string& text = settings.templates.declared;
    const auto values = template_values(inc, settings);
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        std::size_t at = text.find(kChannel, start);
        std::string_view piece =
            std::string_view(text).substr(start, at == std::string::npos ? at : at - start);
        parts.push_back(core::fill_template(piece, values));
        if (at == std::string::npos) return parts;
        start = at + kChannel.size();
    }
}

chat::Message announcement(const core::Incident& inc, const std::vector<std::string>& parts) {
    chat::Message m;
    for (std::size_t i = 0; i < parts.size(); ++i)
        m.text += (i == 0 ? "" : channel_reference(inc)) + parts[i];
    if (!inc.bridge_url.empty()) m.text += "\nVideo bridge: " + inc.bridge_url;
    if (inc.is_drill) m.footer = "This is a drill.";
    return m;
}

chat::Message announcement(const core::Incident& inc, const ServiceSettings& settings) {
    return announcement(inc, announcement_parts(inc, settings));
}

chat::Message declared_confirmation(const core::Incident& inc, const core::Change& change,
                                    const core::Policy& policy) {
    chat::Message m;
    m.text = "Declared " + policy.severity_label(inc.severity) + ": " + inc.name +
             ". I am creating its channel and will invite you to it.";
    m.footer = join_lines(change.notices);
    return m;
}

chat::Message conversation_not_created(const core::Incident& inc, const std::string& error,
                                       Audience audience) {
    chat::Message m;
    const std::string what = "*" + inc.title + "* (" + inc.name + ")";
    if (audience == Audience::declarer)
        m.text = ":warning: I could not create the channel for " + what + ": " + error +
                 ". The incident is recorded, but it has no channel: tell the responders where "
                 "to meet.";
    else
        m.text = ":warning: " + what + " was declared by " + mention(inc.declared_by) +
                 ", but I could not create its channel: " + error + ".";
    return m;
}

chat::Message change(const core::Change& change, const core::Command& command,
                     const ServiceSettings& settings) {
    chat::Message m;
    const core::Incident& inc = change.incident;
    const core::Templates& t = settings.templates;
    if (const auto* update = std::get_if<core::cmd::PostUpdate>(&command)) {
        m.text = core::fill_template(t.update, template_values(inc, settings, update->text));
    } else if (std::holds_alternative<core::cmd::NoChange>(command) && change.update) {
        m.text = change.update->text;  // already the no_change template, as stored
    } else if (const auto* resolve = std::get_if<core::cmd::Resolve>(&command)) {
        m.text = core::fill_template(t.resolved, template_values(inc, settings, resolve->text));
    } else {
        std::vector<std::string> lines;
        for (const auto& e : change.events) lines.push_back(e.text);
        m.text = join_lines(lines);
    }
    m.footer = join_lines(change.notices);
    for (const auto& d : change.decisions)
        if (d.state == core::DecisionState::proposed)
            m.buttons.push_back({"Acknowledge decision #" + std::to_string(d.number),
                                 "ack " + std::to_string(d.number), chat::ButtonStyle::primary});
    return m;
}

chat::Message refusal(const std::string& reason) {
    return chat::Message{reason, {}, {}, {}, {}};
}

chat::Message usage(const command::UsageError& error) {
    return chat::Message{command::render(error), {}, {}, {}, {}};
}

chat::Message no_incident_here() {
    return chat::Message{
        "There is no incident in this conversation. Run the command in the incident's "
        "channel, or see /incident list.",
        {},
        {},
        {},
        {}};
}

chat::Message delivery_failed(const std::string& kind, const std::string& conversation,
                              const std::string& error) {
    std::string what = kind == "post_summary"     ? "post the incident summary"
                       : kind == "update_summary" ? "update the pinned summary"
                       : kind == "set_topic"      ? "set the channel topic"
                       : kind == "ephemeral"      ? "send a private reply"
                                                  : "post a message";
    chat::Message m;
    m.text = ":warning: I could not " + what +
             (conversation.empty() || conversation.find(':') != std::string::npos
                  ? ""
                  : " in <#" + conversation + ">") +
             ": " + error + ". Nothing else is held up; the incident's record is complete.";
    return m;
}

chat::Message no_forms() {
    return chat::Message{
        "This conversation cannot show forms. Declare with /incident declare <title> [sev1..sev4] "
        "[--private] [--drill].",
        {},
        {},
        {},
        {}};
}

namespace {

/// The entries of each page, as [first, end) indexes into the lines: at most
/// kTimelinePageEntries, and the header plus lines within kTimelinePageChars bytes (bytes
/// are never fewer than characters, so the limit holds for chat too).
std::vector<std::pair<std::size_t, std::size_t>> paginate(const std::vector<std::string>& lines,
                                                          std::size_t header_bytes) {
    std::vector<std::pair<std::size_t, std::size_t>> pages;
    std::size_t first = 0;
    while (first < lines.size()) {
        std::size_t end = first, bytes = header_bytes;
        while (end < lines.size() && end - first < kTimelinePageEntries) {
            const std::size_t more = lines[end].size() + 1;
            if (end > first && bytes + more > kTimelinePageChars) break;
            bytes += more;
            ++end;
        }
        pages.emplace_back(first, end);
        first = end;
    }
    if (pages.empty()) pages.emplace_back(0, 0);
    return pages;
}

}  // namespace

chat::Message timeline(const core::Incident& inc, const std::vector<core::TimelineEvent>& events,
                       std::optional<int> page, const core::TimeZone& zone) {
    std::vector<std::string> lines;
    for (const auto& e : events) {
        const std::string who = core::author_label(e.actor);
        // Most texts start by naming who acted ("<@U1> declared …"): say it once.
        std::string_view what = e.text;
        if (what.starts_with(who + " ")) what.remove_prefix(who.size() + 1);
        lines.push_back(core::format_time(e.at, zone) + "  " + who + "  " +
                        core::clip_chars(what, kTimelineEntryChars));
    }
    const std::string header = "*Timeline of " + inc.name + "*";
    const auto pages = paginate(lines, header.size());
    const int count = static_cast<int>(pages.size());
    const bool past_end = page && *page > count;
    const int shown = page && !past_end ? *page : count;

    chat::Message m;
    std::vector<std::string> text{header};
    const auto [first, end] = pages[static_cast<std::size_t>(shown - 1)];
    for (std::size_t i = first; i < end; ++i) text.push_back(lines[i]);
    if (lines.empty()) text.push_back("No entries yet.");
    m.text = join_lines(text);
    m.footer = "Page " + std::to_string(shown) + " of " + std::to_string(count) + ". Times in " +
               zone.name() + ".";
    if (past_end)
        m.footer += " There is no page " + std::to_string(*page) + "; this is the last one.";
    if (shown > 1)
        m.buttons.push_back(
            {"Older", "timeline " + std::to_string(shown - 1), chat::ButtonStyle::normal});
    if (shown < count)
        m.buttons.push_back(
            {"Newer", "timeline " + std::to_string(shown + 1), chat::ButtonStyle::normal});
    return m;
}

chat::Message incident_list(const std::vector<core::Incident>& incidents, int hidden,
                            const core::Policy& policy, std::string_view viewer_platform) {
    auto platform_name = [](const std::string& platform) -> std::string {
        if (platform == "slack") return "Slack";
        if (platform == "teams") return "Teams";
        return platform;
    };
    chat::Message m;
    std::vector<std::string> lines{incidents.empty() ? "No live incidents." : "*Live incidents*"};
    for (const auto& inc : incidents)
        lines.push_back((viewer_platform.empty() || inc.platform == viewer_platform
                             ? channel_reference(inc)
                             : inc.name + " (on " + platform_name(inc.platform) + ")") +
                        "  " + policy.severity_label(inc.severity) + "  " +
                        std::string(core::to_string(inc.status)) + "  IC " +
                        holder_text(inc, Role::ic) + "  " + inc.title);
    m.text = join_lines(lines);
    if (hidden > 0)
        m.footer =
            std::to_string(hidden) + " private incident" + (hidden == 1 ? "" : "s") + " not shown.";
    return m;
}

chat::Message help() {
    return chat::Message{command::help_text(), {}, {}, {}, {}};
}

}  // namespace firebreak::app::views
