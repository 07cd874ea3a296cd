// The status page's messages in chat: the preview, what was published, the reminder.
#include "firebreak/core/status_page.hpp"
#include "views.hpp"

namespace firebreak::app::views {
namespace {

std::string impact_phrase(core::ComponentImpact impact) {
    switch (impact) {
        case core::ComponentImpact::degraded:
            return "degraded performance";
        case core::ComponentImpact::partial:
            return "a partial outage";
        case core::ComponentImpact::major:
            return "a major outage";
    }
    return "a partial outage";
}

std::string component_name(const core::Policy& policy, const std::string& id) {
    for (const auto& c : policy.components)
        if (c.id == id) return c.name;
    return id;
}

std::string affects_text(const core::Policy& policy, const std::vector<core::Affected>& affects) {
    std::string out;
    for (const auto& a : affects)
        out += (out.empty() ? "" : ", ") + component_name(policy, a.component) + ": " +
               std::string(core::to_string(a.impact));
    return out;
}

std::string next_public_update(const core::Incident& inc, const ServiceSettings& settings,
                               core::Timestamp now) {
    const core::SeverityLevel* level = settings.policy.find_severity(inc.severity);
    if (!level || !level->external_update_every) return "as soon as we know more";
    return core::format_public_time(now + *level->external_update_every, settings.status_page_zone);
}

}  // namespace

void add_public_face(chat::Message& m, const core::Incident& inc, const core::Policy& policy,
                     const core::PublicFace* face) {
    if (face && !face->affects.empty())
        m.fields.push_back({"Components", affects_text(policy, face->affects)});
    if (face && face->status)
        m.fields.push_back({"Status page", std::string(core::to_string(*face->status))});
    if (core::never_published(inc, policy) || !core::is_live(inc.status)) return;
    m.buttons.push_back({"Publish to status page", "publish", chat::ButtonStyle::normal});
}

const std::string& external_template(core::PublicStatus status, const ServiceSettings& settings) {
    switch (status) {
        case core::PublicStatus::investigating:
            return settings.templates.external_investigating;
        case core::PublicStatus::identified:
            return settings.templates.external_identified;
        case core::PublicStatus::monitoring:
            return settings.templates.external_monitoring;
        case core::PublicStatus::resolved:
            return settings.templates.external_resolved;
    }
    return settings.templates.external_investigating;
}

std::map<std::string, std::string> external_template_values(const core::Incident& inc,
                                                            const core::PublicFace* face,
                                                            core::PublicStatus status,
                                                            const ServiceSettings& settings,
                                                            core::Timestamp now) {
    const core::Policy& policy = settings.policy;
    std::string title = face && !face->title.empty() ? face->title : inc.title;
    std::string service = inc.service;
    std::string impact;
    if (face) {
        for (const auto& a : face->affects) {
            std::string name = component_name(policy, a.component);
            if (inc.service.empty()) service += (service.empty() ? "" : ", ") + name;
            impact += (impact.empty() ? "" : ", ") + impact_phrase(a.impact) + " of " + name;
        }
    }
    if (service.empty()) service = "our service";
    if (impact.empty()) impact = "errors or slow responses";
    core::Timestamp start = inc.impact.started_at.value_or(
        face ? std::min(face->created_at, inc.milestones.declared_at) : inc.milestones.declared_at);
    return {
        {"title", title},
        {"service", service},
        {"impact", impact},
        {"next_update", next_public_update(inc, settings, now)},
        {"start", core::format_public_time(start, settings.status_page_zone)},
        {"end", core::format_public_time(now, settings.status_page_zone)},
        {"status", std::string(core::to_string(status))},
    };
}

std::string public_no_change_text(core::PublicStatus status, const core::Incident& inc,
                                  const ServiceSettings& settings, core::Timestamp now) {
    std::string words = status == core::PublicStatus::investigating ? "investigating the issue"
                        : status == core::PublicStatus::identified  ? "working on the mitigation"
                                                                    : "monitoring the results";
    return "No change: we are still " + words + ". No ETA yet. Next update at " +
           next_public_update(inc, settings, now) + ".";
}

chat::Message publish_preview(const core::PublishDraft& draft, const std::string& public_title,
                              const core::PublicFace* face, const ServiceSettings& settings) {
    chat::Message m;
    m.text = "*Preview: nothing is public yet.* Customers would read on the status page:\n>" +
             draft.body;
    m.fields.push_back({"Public title", public_title});
    m.fields.push_back({"Public status", std::string(core::to_string(draft.status))});
    if (face && !face->affects.empty())
        m.fields.push_back({"Components", affects_text(settings.policy, face->affects)});
    std::string n = std::to_string(draft.id);
    m.buttons.push_back({"Publish", "publish confirm " + n, chat::ButtonStyle::primary});
    m.buttons.push_back({"Edit", "publish edit " + n, chat::ButtonStyle::normal});
    m.buttons.push_back({"Cancel", "publish cancel " + n, chat::ButtonStyle::danger});
    m.footer = "Never speculate on the root cause; always give the next update time.";
    return m;
}

chat::Message public_change(const core::PublicChange& change, const ServiceSettings& settings) {
    chat::Message m;
    for (const auto& e : change.events) m.text += (m.text.empty() ? "" : "\n") + e.text;
    if (change.update) {
        m.text = "*Published to the status page* (" +
                 std::string(core::to_string(change.update->status)) + "):\n>" +
                 change.update->body;
        if (change.face.next_update_due)
            m.fields.push_back(
                {"Next public update due", core::format_public_time(*change.face.next_update_due,
                                                                    settings.status_page_zone)});
        if (std::string link = public_link(settings, change.face); !link.empty())
            m.fields.push_back({"Status page", link});
    }
    return m;
}

chat::Message draft_discarded() {
    chat::Message m;
    m.text = "Draft discarded: nothing was published.";
    return m;
}

chat::Message edit_without_forms(const core::PublishDraft& draft) {
    chat::Message m;
    m.text = "To change the text, publish again with your wording: /incident publish " +
             std::string(core::to_string(draft.status)) + " " + draft.body;
    return m;
}

chat::Message public_update_due(const core::Incident& inc, const core::PublicFace& face,
                                const ServiceSettings& settings) {
    chat::Message m;
    std::string who = inc.holder(core::Role::comms)
                          ? core::mention(inc.holder(core::Role::comms)->user)
                      : inc.holder(core::Role::ic) ? core::mention(inc.holder(core::Role::ic)->user)
                                                   : std::string("<!channel>");
    m.text = who + " the next status page update was due at " +
             core::format_public_time(face.next_update_due.value_or(face.updated_at),
                                      settings.status_page_zone) +
             ". Customers are waiting: if nothing changed, say so.";
    m.buttons.push_back({"Publish \"No change\"", "publish nochange", chat::ButtonStyle::primary});
    m.buttons.push_back({"Publish update", "publish", chat::ButtonStyle::normal});
    m.buttons.push_back({"Snooze", "publish snooze", chat::ButtonStyle::normal});
    return m;
}

chat::Message public_resolve_missing(const core::PublicFace& face) {
    chat::Message m;
    m.text = "Customers still see this incident as " +
             std::string(core::to_string(face.status.value_or(core::PublicStatus::investigating))) +
             " on the status page. Publish the resolved update.";
    m.buttons.push_back({"Publish resolved", "publish resolved", chat::ButtonStyle::primary});
    return m;
}

std::string public_link(const ServiceSettings& settings, const core::PublicFace& face) {
    if (settings.status_page_url.empty()) return "";
    std::string base = settings.status_page_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/status/incidents/" + face.public_id;
}

}  // namespace firebreak::app::views
