#pragma once
// The public status page: /status, /status/incidents/<public id>, /status/feed.atom and
// Statuspage's /api/v2/*.json, built from the store once per change and served from
// memory with ETag / If-None-Match and Cache-Control.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "firebreak/core/status_page.hpp"
#include "firebreak/core/time_zone.hpp"
#include "firebreak/http/router.hpp"

namespace firebreak::store {
class Store;
}

namespace firebreak::web {

/// The `status_page` section, as the page needs it.
struct StatusSiteSettings {
    std::string title = "Service status";
    std::string public_url;  ///< "https://status.example.com"; "" makes links relative
    core::TimeZone zone = core::TimeZone::utc();
    std::vector<core::StatusPageComponent> components;
};

/// One response, ready to send.
struct StatusDocument {
    std::string body;
    std::string content_type;
    std::string etag;  ///< "\"<hash>\"", quoted as HTTP writes it
};

/// Every document of the page at one revision of the store.
struct StatusSnapshot {
    std::map<std::string, StatusDocument, std::less<>> documents;  ///< by path
    std::int64_t revision = -1;
    core::Date built_on{};  ///< the local date it was built on: history bars move daily
};

/// Builds every document from `incidents` (newest first, as the store lists them) as of
/// `now`. Pure: the same input gives the same bytes and ETags.
std::shared_ptr<const StatusSnapshot> build_status_snapshot(
    const StatusSiteSettings& settings, const std::vector<core::PublishedIncident>& incidents,
    core::Timestamp now, std::int64_t revision);

/// Holds the current snapshot and rebuilds it when the store's page revision moved or the
/// local day changed. Used from the thread that owns `store`.
class StatusSite {
  public:
    StatusSite(store::Store& store, std::function<core::Timestamp()> clock,
               StatusSiteSettings settings);

    /// Rebuilds when the page changed since the last build (one cheap query otherwise).
    /// Returns true when it rebuilt. Throws StoreError.
    bool refresh();

    /// The current snapshot (never null once constructed).
    std::shared_ptr<const StatusSnapshot> current() const;

    /// GET /status, /status/feed.atom, /status/incidents/<id> and /api/v2/*.json on `router`.
    /// Each answers from the current snapshot (refreshing it first if the day changed):
    /// 304 when If-None-Match names its ETag, 404 for an unknown incident.
    void add_routes(http::Router& router);

  private:
    store::Store& store_;
    std::function<core::Timestamp()> clock_;
    StatusSiteSettings settings_;
    std::shared_ptr<const StatusSnapshot> snapshot_;
};

/// The paths every snapshot holds (the incident pages come on top).
const std::vector<std::string>& status_paths();

}  // namespace firebreak::web
