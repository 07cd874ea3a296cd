#include "postmortem_playbook.hpp"

#include <algorithm>

namespace firebreak::app {
namespace {

/// "<@U1>" → "@U1": the draft is read outside chat.
std::string plain(const core::UserId& user) {
    return "@" + user;
}

const core::ChecklistTick* tick_of(const std::vector<core::ChecklistTick>& ticks,
                                   const std::string& item) {
    auto it = std::find_if(ticks.begin(), ticks.end(),
                           [&](const core::ChecklistTick& t) { return t.item == item; });
    return it == ticks.end() ? nullptr : &*it;
}

std::string one_line(std::string_view text) {
    std::string out;
    for (char c : text) out += (c == '\n' || c == '\r') ? ' ' : (c == '|' ? '/' : c);
    return out;
}

std::string workstream_line(const core::Workstream& w) {
    std::string line = w.name + " — " + plain(w.owner) + ", " +
                       std::string(core::to_string(w.state)) + " (started " +
                       core::format_time(w.started_at) + ")";
    if (!w.what.empty()) line += ": " + w.what;
    if (!w.note.empty()) line += " — " + w.note;
    return one_line(line);
}

std::vector<const core::ChecklistItem*> applicable(const core::Policy& policy,
                                                   const core::Incident& inc) {
    std::vector<const core::ChecklistItem*> out;
    for (const auto& item : policy.checklist)
        if (item.applies_to(inc.severity)) out.push_back(&item);
    return out;
}

std::string done_text(const core::ChecklistTick& t) {
    return core::format_time(t.at) + (t.by.empty() ? "" : " by " + plain(t.by));
}

}  // namespace

std::string what_we_did_markdown(const IncidentRecord& record) {
    std::string body;
    for (const auto& w : record.workstreams) body += "- " + workstream_line(w) + "\n";
    return body;
}

std::string process_markdown(const IncidentRecord& record, const core::Policy& policy) {
    const auto items = applicable(policy, record.incident);
    if (items.empty()) return "";
    int done = 0;
    std::string table = "| Phase | Item | Done |\n|---|---|---|\n";
    std::string never;
    for (const core::ChecklistItem* item : items) {
        const core::ChecklistTick* tick = tick_of(record.checklist_ticks, item->id);
        if (tick) ++done;
        table += "| " + std::string(core::phase_title(item->phase)) + " | " + one_line(item->text) +
                 " | " + (tick ? done_text(*tick) : std::string("never")) + " |\n";
        if (!tick) never += (never.empty() ? "" : "; ") + one_line(item->text);
    }
    std::string body = std::to_string(done) + " of " + std::to_string(items.size()) +
                       " checklist items done for " +
                       policy.severity_label(record.incident.severity) + ".\n\n" + table;
    body += "\n" +
            (never.empty() ? std::string("Every item was done.") : "Never done: " + never + ".") +
            "\n";
    return body;
}

std::string playbook_sections_text(const core::Incident& incident, const core::Policy& policy,
                                   const std::vector<core::Workstream>& workstreams,
                                   const std::vector<core::ChecklistTick>& ticks) {
    std::string t = "\n\n*What we did*";
    if (workstreams.empty()) t += "\nNo workstreams were started.";
    for (const auto& w : workstreams) t += "\n• " + workstream_line(w);
    t += "\n\n*Process*";
    std::string never;
    int done = 0, total = 0;
    for (const core::ChecklistItem* item : applicable(policy, incident)) {
        ++total;
        if (const core::ChecklistTick* tick = tick_of(ticks, item->id)) {
            ++done;
            t += "\n☑ " + item->text + " — " + done_text(*tick);
        } else {
            never += (never.empty() ? "" : "; ") + item->text;
        }
    }
    t += "\n" + std::to_string(done) + " of " + std::to_string(total) + " checklist items done.";
    if (!never.empty()) t += " Never done: " + never + ".";
    return t;
}

}  // namespace firebreak::app
