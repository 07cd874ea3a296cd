#pragma once
// What several subcommands share: loading the config and opening the migrated store.

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "firebreak/app/incident_service.hpp"
#include "firebreak/config/config.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/web/status_site.hpp"

namespace firebreak::cli {

/// Loads and validates `path`, printing every error to `err`. nullopt on any error.
std::optional<config::Config> load_config(const std::string& path, std::ostream& err);

/// Opens the configured SQLite database and applies pending migrations. Throws
/// store::StoreError.
std::unique_ptr<store::Store> open_store(const config::Config& config);

/// The service settings the config implies, each enabled platform with its announce
/// conversation.
app::ServiceSettings service_settings(const config::Config& config);

/// The `status_page` section as the public page needs it; its public URL falls back to
/// server.public_url.
web::StatusSiteSettings status_site_settings(const config::Config& config);

}  // namespace firebreak::cli
