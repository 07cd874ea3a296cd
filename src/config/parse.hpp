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

/// After a clean load: adds the playbook's entry for every role not listed and orders the
/// roles ic, tl, comms.
void complete_roles(std::vector<core::RoleInfo>& roles);

}  // namespace firebreak::config::detail
