#pragma once
// What several subcommands share: loading the config and opening the migrated store.

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "firebreak/app/incident_service.hpp"
#include "firebreak/config/config.hpp"
#include "firebreak/store/store.hpp"

namespace firebreak::cli {

/// Loads and validates `path`, printing every error to `err`. nullopt on any error.
std::optional<config::Config> load_config(const std::string& path, std::ostream& err);

/// Opens the configured SQLite database and applies pending migrations. Throws
/// store::StoreError.
std::unique_ptr<store::Store> open_store(const config::Config& config);

/// The service settings the config implies for a service running incidents on `platform`,
/// with `announce` as the announce conversation.
app::ServiceSettings service_settings(const config::Config& config, std::string platform,
                                      std::string announce);

}  // namespace firebreak::cli
