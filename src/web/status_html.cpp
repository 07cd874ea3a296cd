// The status page in plain HTML and CSS: no JavaScript, no external assets, readable on a
// phone, light and dark, accessible. Written as well-formed XML so that a parser can
// check it.
#include <chrono>

#include "status_model.hpp"

namespace firebreak::web::detail {
namespace {

constexpr std::string_view kStyle = R"css(
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1b1f24;--muted:#4a5360;--card:#f4f6f8;
--line:#d0d7de;--ok:#1a7f37;--minor:#9a6700;--major:#bc4c00;--critical:#cf222e;--link:#0550ae}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#aab4bf;
--card:#161b22;--line:#30363d;--ok:#3fb950;--minor:#d29922;--major:#f0883e;
--critical:#ff7b72;--link:#79c0ff}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,
"Segoe UI",Roboto,sans-serif}
header,main,footer{max-width:52rem;margin:0 auto;padding:1rem}
a{color:var(--link)}
h1{font-size:1.75rem;margin:.5rem 0}
h2{font-size:1.25rem;margin:2rem 0 .75rem}
h3{font-size:1.05rem;margin:0 0 .5rem}
.banner{padding:1rem;border-radius:.5rem;font-weight:600;color:#fff;margin:0}
.banner.none{background:#1a7f37}.banner.minor{background:#8a5a00}
.banner.major{background:#a04100}.banner.critical{background:#b91c1c}
.card{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem;
margin:0 0 1rem}
.components{list-style:none;margin:0;padding:0}
.component-head{display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap}
.state{font-weight:600}
.operational{color:var(--ok)}.degraded_performance{color:var(--minor)}
.partial_outage{color:var(--major)}.major_outage{color:var(--critical)}
.history{display:flex;gap:1px;list-style:none;margin:.5rem 0 0;padding:0;height:1.5rem}
.history li{flex:1;border-radius:1px;background:var(--ok)}
.history li.degraded_performance{background:var(--minor)}
.history li.partial_outage{background:var(--major)}
.history li.major_outage{background:var(--critical)}
.legend{display:flex;justify-content:space-between;color:var(--muted);font-size:.85rem}
.updates{list-style:none;margin:0;padding:0}
.updates li{border-left:3px solid var(--line);padding:0 0 .75rem .75rem;margin:0 0 .5rem}
.muted,time{color:var(--muted)}
.description{margin:.25rem 0 0;color:var(--muted)}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);
white-space:nowrap}
)css";

std::string label_of(const std::string& status) {
    if (status == "operational") return "Operational";
    if (status == "degraded_performance") return "Degraded performance";
    if (status == "partial_outage") return "Partial outage";
    if (status == "major_outage") return "Major outage";
    return status;
}

std::string capitalised(std::string_view word) {
    std::string out(word);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
    return out;
}

std::string time_element(const PageModel& m, core::Timestamp t) {
    return "<time datetime=\"" + iso(m, t) + "\">" +
           escape(core::format_public_time(t, m.settings->zone)) + "</time>";
}

std::string head(const PageModel& m, const std::string& title) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
           "<meta name=\"color-scheme\" content=\"light dark\"/><title>" +
           escape(title) +
           "</title><link rel=\"alternate\" type=\"application/atom+xml\" title=\"" +
           escape(m.settings->title) + "\" href=\"/status/feed.atom\"/><style>" +
           std::string(kStyle) + "</style></head><body>";
}

std::string foot(const PageModel& m) {
    return "<footer><p class=\"muted\">Times are shown in " + escape(m.settings->zone.name()) +
           " (UTC" + core::format_utc_offset(m.settings->zone.at(m.now).offset) +
           "). <a href=\"/status/feed.atom\">Atom feed</a> · <a "
           "href=\"/api/v2/summary.json\">JSON</a></p></footer></body></html>\n";
}

/// The incident's updates, newest first.
std::string updates_list(const PageModel& m, const core::PublishedIncident& inc) {
    std::string out = "<ol class=\"updates\" reversed=\"reversed\">";
    for (auto it = inc.updates.rbegin(); it != inc.updates.rend(); ++it)
        out += "<li><p><strong>" + capitalised(core::to_string(it->status)) + "</strong> — " +
               escape(it->body) + "</p><p>" + time_element(m, it->posted_at) + "</p></li>";
    return out + "</ol>";
}

std::string affected_line(const PageModel& m, const core::PublishedIncident& inc) {
    if (inc.face.affects.empty()) return "";
    std::string names;
    for (const auto& a : inc.face.affects) {
        const auto* def = find_component(*m.settings, a.component);
        names += (names.empty() ? "" : ", ") + escape(def ? def->name : a.component) + " (" +
                 label_of(component_status(a.impact)) + ")";
    }
    return "<p class=\"muted\">Affected: " + names + "</p>";
}

std::string incident_card(const PageModel& m, const core::PublishedIncident& inc, int level) {
    std::string h = "h" + std::to_string(level);
    std::string out = "<article class=\"card\" id=\"incident-" + escape(inc.face.public_id) +
                      "\"><" + h + "><a href=\"/status/incidents/" + escape(inc.face.public_id) +
                      "\">" + escape(inc.title) + "</a></" + h + ">";
    out += affected_line(m, inc) + updates_list(m, inc);
    if (!is_resolved(inc) && inc.face.next_update_due)
        out += "<p><strong>Next update</strong> by " + time_element(m, *inc.face.next_update_due) +
               "</p>";
    return out + "</article>";
}

std::string components_section(const PageModel& m) {
    if (m.components.empty()) return "";
    std::string out =
        "<section aria-labelledby=\"components\"><h2 id=\"components\">Components</h2><ul "
        "class=\"components\">";
    for (const auto& c : m.components) {
        int bad_days = 0;
        for (const auto& day : c.history) bad_days += day != "operational";
        out += "<li class=\"card\"><div class=\"component-head\"><span>" +
               escape(c.component->name) + "</span><span class=\"state " + c.status + "\">" +
               label_of(c.status) + "</span></div>";
        if (!c.component->description.empty())
            out += "<p class=\"description\">" + escape(c.component->description) + "</p>";
        out += "<p class=\"visually-hidden\">Last " + std::to_string(kHistoryDays) +
               " days: " + std::to_string(bad_days) +
               " with incidents.</p><ol class=\"history\" "
               "aria-hidden=\"true\">";
        const std::chrono::sys_days today{m.today};
        for (int i = 0; i < static_cast<int>(c.history.size()); ++i) {
            const auto day = core::Date{today - std::chrono::days{kHistoryDays - 1 - i}};
            out += "<li class=\"" + c.history[i] + "\" title=\"" + core::format_date(day) + ": " +
                   label_of(c.history[i]) + "\"></li>";
        }
        out += "</ol><p class=\"legend\" aria-hidden=\"true\"><span>" +
               std::to_string(kHistoryDays) + " days ago</span><span>Today</span></p></li>";
    }
    return out + "</ul></section>";
}

std::string past_section(const PageModel& m) {
    std::string out = "<section aria-labelledby=\"past\"><h2 id=\"past\">Past incidents</h2>";
    const std::chrono::sys_days today{m.today};
    for (int i = 0; i < kPastDays; ++i) {
        const core::Date day{today - std::chrono::days{i}};
        std::string items;
        for (const auto* inc : m.incidents) {
            if (!is_resolved(*inc) || !inc->face.resolved_at ||
                core::local_date(*inc->face.resolved_at, m.settings->zone) != day)
                continue;
            items += "<li><a href=\"/status/incidents/" + escape(inc->face.public_id) + "\">" +
                     escape(inc->title) + "</a> — resolved " +
                     time_element(m, *inc->face.resolved_at) + "</li>";
        }
        out += "<h3>" + core::format_date(day) + "</h3>" +
               (items.empty() ? "<p class=\"muted\">No incidents reported.</p>"
                              : "<ul>" + items + "</ul>");
    }
    return out + "</section>";
}

}  // namespace

std::string html_page(const PageModel& m) {
    std::string out = head(m, m.settings->title);
    out += "<header><h1>" + escape(m.settings->title) + "</h1></header><main>";
    out +=
        "<p class=\"banner " + m.indicator + "\" role=\"status\">" + escape(m.description) + "</p>";
    if (!m.unresolved.empty()) {
        out += "<section aria-labelledby=\"active\"><h2 id=\"active\">Active incidents</h2>";
        for (const auto* inc : m.unresolved) out += incident_card(m, *inc, 3);
        out += "</section>";
    }
    out += components_section(m) + past_section(m);
    out += "<p class=\"muted\">Last updated " + time_element(m, m.updated_at) + ".</p></main>";
    return out + foot(m);
}

std::string html_incident(const PageModel& m, const core::PublishedIncident& inc) {
    std::string out = head(m, inc.title + " · " + m.settings->title);
    out += "<header><p><a href=\"/status\">" + escape(m.settings->title) + "</a></p><h1>" +
           escape(inc.title) + "</h1></header><main>";
    std::string status =
        capitalised(core::to_string(inc.face.status.value_or(core::PublicStatus::investigating)));
    out += "<p class=\"banner " + std::string(is_resolved(inc) ? "none" : incident_impact(inc)) +
           "\" role=\"status\">" + status + "</p>";
    out += affected_line(m, inc);
    out += "<section aria-labelledby=\"updates\"><h2 id=\"updates\">Updates</h2>" +
           updates_list(m, inc) + "</section>";
    if (!is_resolved(inc) && inc.face.next_update_due)
        out += "<p><strong>Next update</strong> by " + time_element(m, *inc.face.next_update_due) +
               "</p>";
    out += "</main>";
    return out + foot(m);
}

}  // namespace firebreak::web::detail
