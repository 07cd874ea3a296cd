#pragma once
// The `teams` section's checks (validate.cpp runs them with the others) and the defaults
// derived from other keys once a file has loaded cleanly.

#include "diagnostics.hpp"
#include "firebreak/config/config.hpp"

namespace firebreak::config::detail {

/// tenant_id, incidents_team and announce_channel have the shapes Teams gives them (a GUID,
/// a GUID, "19:…@thread.tacv2"), the app id is a GUID, and an enabled bot has what its
/// incident_space needs; timeline_reaction is one word, bot_host a host name.
void teams_settings_valid(const Config& config, Diagnostics& diag);

/// While Teams is enabled, incident.channel_name also keeps to Teams' channel names
/// (teams_name_rules()).
void teams_channel_name_valid(const Config& config, Diagnostics& diag);

/// token_url from tenant_id, bot_host from server.public_url when not written; graph_url
/// without and service_url with a trailing '/'.
void complete_teams(Config& config);

}  // namespace firebreak::config::detail
