#pragma once
// Message wording that admins configure: `{name}` placeholders filled from an incident.

#include <array>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace firebreak::core {

/// Every placeholder a template may use; any other `{name}` is a config error.
inline constexpr std::array<std::string_view, 18> kTemplatePlaceholders{
    "incident",    "title", "severity", "severity_name", "status",  "impact",
    "next_update", "ic",    "tl",       "comms",         "channel", "text",
    "review_due",  "due",   "who",      "service",       "start",   "end",
};

/// The placeholders a customer-facing (external_*) template may use: nothing internal
/// (no people, channel, severity or incident name) may reach the status page.
inline constexpr std::array<std::string_view, 7> kExternalPlaceholders{
    "title", "service", "impact", "next_update", "start", "end", "status",
};

/// The wording of every message firebreak posts that admins may change. The defaults
/// follow the playbook.
struct Templates {
    /// Announces a new incident.
    std::string declared =
        "{severity} ({severity_name}) declared: {title}. Incident Commander: {ic}. Working in "
        "{channel}. Stabilize first, then investigate. Next update at {next_update}.";
    /// A stakeholder update; {text} is what was written.
    std::string update = "{severity} · {status}\n{text}\nNext update at {next_update}.";
    /// The update that says nothing changed. Never silence.
    std::string no_change = "No change, still {status}; next update at {next_update}.";
    /// Posted on resolve; {text} is the resolve note.
    std::string resolved = "Resolved: {title}. {text}\nBlameless review due by {review_due}.";
    /// The nudge when an update is due; {who} is the Comms Lead, else the IC, else everyone.
    std::string update_due =
        "{who} a {severity} ({severity_name}) stakeholder update was due at {due}. Post one "
        "with /incident update <text>; if nothing changed, say so.";
    /// Customer-facing wording, for status pages and external channels.
    std::string external_investigating =
        "We are aware of an issue impacting {service}. Users may experience {impact}. Next "
        "update at {next_update}.";
    std::string external_identified =
        "We have identified the cause and are applying mitigation to restore service. Users "
        "may continue to see {impact}. Next update at {next_update}.";
    std::string external_resolved =
        "The issue has been resolved. Users may have experienced {impact} between {start} and "
        "{end}. We are completing a review and implementing safeguards.";
    /// The status page's monitoring update (the fix is out, we are watching).
    std::string external_monitoring =
        "A fix has been implemented and we are monitoring the results. Next update at "
        "{next_update}.";
};

/// `{name}`s in `text` that are not in kTemplatePlaceholders, in order of appearance.
std::vector<std::string> unknown_placeholders(std::string_view text);

/// `{name}`s in `text` that are not in `known`, in order of appearance.
std::vector<std::string> unknown_placeholders(std::string_view text,
                                              std::span<const std::string_view> known);

/// Replaces each `{name}` with values[name] ("" when absent). Text outside braces, and a
/// brace with no name behind it, is kept as written.
std::string fill_template(std::string_view text, const std::map<std::string, std::string>& values);

}  // namespace firebreak::core
