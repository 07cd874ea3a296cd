#pragma once
// YAML sections -> Config. Each parser reads its own keys, reports what is malformed and
// leaves the defaults in place; checks across keys live in validate.hpp.

#include <vector>

#include "diagnostics.hpp"
#include "firebreak/config/config.hpp"
#include "firebreak/core/policy.hpp"
#include "yaml_reader.hpp"

namespace firebreak::config::detail {

/// Reads the whole document into `out`. The root must be a map (reported otherwise).
void parse_config(const Field& root, const Environment& env, Config& out, Diagnostics& diag);

/// Replaces `out` with the listed levels, one per list item and index-aligned with the file
/// (an item whose id failed keeps an empty id). A value that is not a list empties `out`.
void parse_severities(const Field& field, std::vector<core::SeverityLevel>& out, Diagnostics& diag);

/// Replaces `out` with the listed roles, index-aligned with the file; an item whose id
/// failed is reported under "roles[i].id" and holds a placeholder.
void parse_roles(const Field& field, std::vector<core::RoleInfo>& out, Diagnostics& diag);

// The playbook's sections (parse_playbook.cpp). Each replaces `out` with what is listed.
void parse_checklist(const Field& field, std::vector<core::ChecklistItem>& out, Diagnostics& diag);
void parse_workstreams(const Field& field, std::vector<std::string>& out, Diagnostics& diag);
void parse_resolution_checklist(const Field& field, std::vector<std::string>& out,
                                Diagnostics& diag);
/// severities[].notify: conversation ids, or {conversation, private_safe} maps.
std::optional<std::vector<core::Stakeholders>> read_stakeholders(const Field& field,
                                                                 Diagnostics& diag);
/// Cross-key checks: checklist items name configured severities; the bridge template
/// gives a web address and uses only its placeholders.
void checklist_severities_known(const Config& config, Diagnostics& diag);
void bridge_url_valid(const Config& config, Diagnostics& diag);

/// After a clean load: adds the playbook's entry for every role not listed and orders the
/// roles ic, tl, comms.
void complete_roles(std::vector<core::RoleInfo>& roles);

}  // namespace firebreak::config::detail
