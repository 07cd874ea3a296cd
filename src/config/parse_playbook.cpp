// The playbook's sections: checklist, workstreams, resolution_checklist, and the
// stakeholders of a severity (severities[].notify).

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "firebreak/core/playbook.hpp"
#include "messages.hpp"
#include "parse.hpp"

namespace firebreak::config::detail {
namespace {

/// One word of lowercase letters, digits, '-' or '_': typed in commands.
bool is_word(std::string_view id) {
    return !id.empty() && id.size() <= 40 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

std::optional<std::string> read_word(const Field& field, Diagnostics& diag) {
    auto text = read_string(field, diag);
    if (!text) return std::nullopt;
    if (is_word(*text)) return text;
    diag.error(field.mark, field.path,
               "expected one word of lowercase letters, digits, '-' or '_', got " + quoted(*text));
    return std::nullopt;
}

std::vector<std::string> names(std::initializer_list<std::string_view> list) {
    return {list.begin(), list.end()};
}

std::vector<std::string> trigger_names() {
    return {core::kChecklistTriggers.begin(), core::kChecklistTriggers.end()};
}

}  // namespace

void parse_checklist(const Field& field, std::vector<core::ChecklistItem>& out, Diagnostics& diag) {
    out.clear();
    auto items = read_list(field, diag);
    if (!items) return;
    for (const Field& item : *items) {
        core::ChecklistItem c;
        MapReader r(item, diag);
        if (auto id = r.required("id", "a one-word id like bridge"))
            if (auto word = read_word(*id, diag)) {
                auto same = std::find_if(out.begin(), out.end(),
                                         [&](const auto& o) { return o.id == *word; });
                if (same != out.end())
                    diag.error(id->mark, id->path,
                               "checklist item " + quoted(*word) + " is listed twice");
                else
                    c.id = *word;
            }
        if (auto phase = r.required("phase", "declare, triage, manage or close"))
            if (auto text =
                    read_choice(*phase, names({"declare", "triage", "manage", "close"}), diag))
                c.phase = core::parse_phase(*text).value_or(core::Phase::declare);
        if (auto text = r.required("text", "the item's wording"))
            if (auto value = read_string(*text, diag)) c.text = *value;
        r.read("when", c.when,
               [](const Field& f, Diagnostics& d) { return read_choice(f, trigger_names(), d); });
        r.read("severities", c.severities, read_string_list);
        r.finish();
        out.push_back(std::move(c));
    }
}

void parse_workstreams(const Field& field, std::vector<std::string>& out, Diagnostics& diag) {
    out.clear();
    auto items = read_list(field, diag);
    if (!items) return;
    for (const Field& item : *items) {
        auto word = read_word(item, diag);
        if (!word) continue;
        if (std::find(out.begin(), out.end(), *word) != out.end()) {
            diag.error(item.mark, item.path, "workstream " + quoted(*word) + " is listed twice");
            continue;
        }
        out.push_back(*word);
    }
}

void parse_resolution_checklist(const Field& field, std::vector<std::string>& out,
                                Diagnostics& diag) {
    out.clear();
    auto items = read_list(field, diag);
    if (!items) return;
    for (const Field& item : *items) {
        auto text = read_string(item, diag);
        if (!text) continue;
        if (text->empty()) {
            diag.error(item.mark, item.path, "a resolution criterion needs words");
            continue;
        }
        out.push_back(*text);
    }
}

std::optional<std::vector<core::Stakeholders>> read_stakeholders(const Field& field,
                                                                 Diagnostics& diag) {
    auto items = read_list(field, diag);
    if (!items) return std::nullopt;
    std::vector<core::Stakeholders> out;
    for (const Field& item : *items) {
        core::Stakeholders who;
        if (item.node.IsScalar()) {
            auto text = read_string(item, diag);
            if (!text || text->empty()) continue;
            who.conversation = *text;
        } else {
            MapReader r(item, diag);
            if (!r.valid()) continue;
            if (auto c = r.required("conversation", "a conversation id like C0123"))
                if (auto text = read_string(*c, diag)) who.conversation = *text;
            r.read("private_safe", who.private_safe, read_bool);
            r.finish();
            if (who.conversation.empty()) continue;
        }
        out.push_back(std::move(who));
    }
    return out;
}

void checklist_severities_known(const Config& config, Diagnostics& diag) {
    std::vector<std::string> ids;
    for (const auto& level : config.severities)
        if (!level.id.empty()) ids.push_back(level.id);
    if (ids.size() != config.severities.size()) return;  // a level's id already failed
    for (std::size_t i = 0; i < config.checklist.size(); ++i) {
        const std::string path = item_path("checklist", i) + ".severities";
        if (diag.failed(path)) continue;
        const auto& wanted = config.checklist[i].severities;
        for (std::size_t j = 0; j < wanted.size(); ++j)
            if (std::find(ids.begin(), ids.end(), wanted[j]) == ids.end())
                diag.error_at(item_path(path, j), not_one_of(wanted[j], ids));
    }
}

void bridge_url_valid(const Config& config, Diagnostics& diag) {
    const std::string path = "incident.bridge_url";
    const std::string& pattern = config.incident.bridge_url;
    if (pattern.empty() || diag.failed(path)) return;
    core::Incident sample;
    sample.name = "inc-20260101-sample";
    sample.title = "sample";
    if (auto problem = core::bridge_url_problem(core::bridge_url(pattern, sample))) {
        diag.error_at(path, *problem);
        return;
    }
    for (std::size_t at = pattern.find('{'); at != std::string::npos;
         at = pattern.find('{', at + 1)) {
        std::size_t close = pattern.find('}', at);
        if (close == std::string::npos) break;
        std::string name = pattern.substr(at + 1, close - at - 1);
        if (std::find(core::kBridgePlaceholders.begin(), core::kBridgePlaceholders.end(), name) ==
            core::kBridgePlaceholders.end())
            diag.error_at(path, "unknown placeholder {" + name +
                                    "}; use {slug}, {incident} or "
                                    "{date}");
    }
}

}  // namespace firebreak::config::detail
