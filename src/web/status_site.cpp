// StatusSite: the page's documents, built once per change, served from memory.
#include "firebreak/web/status_site.hpp"

#include <atomic>
#include <cstdio>

#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "status_model.hpp"

namespace firebreak::web {
namespace {

/// How many published incidents a build reads: far more than 90 days of a busy page show.
constexpr int kMaxIncidents = 1000;

constexpr std::string_view kIncidentPrefix = "/status/incidents/";

/// A strong validator from the bytes (FNV-1a, 64 bits): the same document, the same ETag.
std::string etag_of(std::string_view body) {
    std::uint64_t hash = 1469598103934665603ULL;
    for (unsigned char c : body) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    char buf[24];
    std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(hash));
    return buf;
}

StatusDocument document(std::string body, std::string content_type) {
    StatusDocument d{std::move(body), std::move(content_type), ""};
    d.etag = etag_of(d.body);
    return d;
}

constexpr const char* kJson = "application/json; charset=utf-8";
constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr const char* kAtom = "application/atom+xml; charset=utf-8";

/// Whether If-None-Match names `etag` (or is "*").
bool matches(std::string_view header, std::string_view etag) {
    while (!header.empty()) {
        std::size_t comma = header.find(',');
        std::string_view tag = header.substr(0, comma);
        while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
        while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
        if (tag.starts_with("W/")) tag.remove_prefix(2);  // weak comparison, RFC 9110 13.1.2
        if (tag == etag || tag == "*") return true;
        if (comma == std::string_view::npos) break;
        header.remove_prefix(comma + 1);
    }
    return false;
}

http::Response serve(const StatusDocument& doc, const http::Request& request) {
    http::Response response;
    auto inm = request.find(http::Field::if_none_match);
    if (inm != request.end() &&
        matches(std::string_view(inm->value().data(), inm->value().size()), doc.etag)) {
        response.result(http::Status::not_modified);
    } else {
        response = http::make_response(http::Status::ok, doc.body, doc.content_type);
    }
    response.set(http::Field::etag, doc.etag);
    // Cached anywhere, revalidated every time: a publish shows at once, and an unchanged
    // page costs a 304.
    response.set(http::Field::cache_control, "public, no-cache");
    response.set("X-Content-Type-Options", "nosniff");
    return response;
}

}  // namespace

const std::vector<std::string>& status_paths() {
    static const std::vector<std::string> paths{
        "/status",
        "/status/feed.atom",
        "/api/v2/summary.json",
        "/api/v2/status.json",
        "/api/v2/components.json",
        "/api/v2/incidents.json",
        "/api/v2/incidents/unresolved.json",
        "/api/v2/scheduled-maintenances.json",
        "/api/v2/scheduled-maintenances/upcoming.json",
        "/api/v2/scheduled-maintenances/active.json",
    };
    return paths;
}

std::shared_ptr<const StatusSnapshot> build_status_snapshot(
    const StatusSiteSettings& settings, const std::vector<core::PublishedIncident>& incidents,
    core::Timestamp now, std::int64_t revision) {
    auto snapshot = std::make_shared<StatusSnapshot>();
    detail::PageModel m = detail::make_model(settings, incidents, now);
    snapshot->revision = revision;
    snapshot->built_on = m.today;
    auto& docs = snapshot->documents;
    docs["/status"] = document(detail::html_page(m), kHtml);
    docs["/status/feed.atom"] = document(detail::atom_feed(m), kAtom);
    docs["/api/v2/summary.json"] = document(detail::json_summary(m), kJson);
    docs["/api/v2/status.json"] = document(detail::json_status(m), kJson);
    docs["/api/v2/components.json"] = document(detail::json_components(m), kJson);
    docs["/api/v2/incidents.json"] = document(detail::json_incidents(m, false), kJson);
    docs["/api/v2/incidents/unresolved.json"] = document(detail::json_incidents(m, true), kJson);
    std::string maintenances = detail::json_maintenances(m);
    for (const char* path :
         {"/api/v2/scheduled-maintenances.json", "/api/v2/scheduled-maintenances/upcoming.json",
          "/api/v2/scheduled-maintenances/active.json"})
        docs[path] = document(maintenances, kJson);
    for (const auto* inc : m.incidents)
        docs[std::string(kIncidentPrefix) + inc->face.public_id] =
            document(detail::html_incident(m, *inc), kHtml);
    return snapshot;
}

StatusSite::StatusSite(store::Store& store, std::function<core::Timestamp()> clock,
                       StatusSiteSettings settings)
    : store_(store), clock_(std::move(clock)), settings_(std::move(settings)) {
    snapshot_ = build_status_snapshot(settings_, {}, clock_(), -1);
}

bool StatusSite::refresh() {
    const core::Timestamp now = clock_();
    auto tx = store_.read();
    const std::int64_t revision = tx.status_page_revision();
    auto current = std::atomic_load(&snapshot_);
    if (revision == current->revision && core::local_date(now, settings_.zone) == current->built_on)
        return false;
    auto incidents = tx.published_incidents(kMaxIncidents);
    std::atomic_store(&snapshot_, build_status_snapshot(settings_, incidents, now, revision));
    return true;
}

std::shared_ptr<const StatusSnapshot> StatusSite::current() const {
    return std::atomic_load(&snapshot_);
}

void StatusSite::add_routes(http::Router& router) {
    auto handler = [this](const http::Request& request) {
        auto snapshot = current();
        if (core::local_date(clock_(), settings_.zone) != snapshot->built_on) {
            refresh();  // a new day: the history bars and past incidents move on
            snapshot = current();
        }
        std::string_view target(request.target().data(), request.target().size());
        std::string_view path = target.substr(0, target.find('?'));
        auto doc = snapshot->documents.find(path);
        if (doc == snapshot->documents.end())
            return http::text_response(http::Status::not_found, "no such incident\n");
        return serve(doc->second, request);
    };
    for (const auto& path : status_paths()) router.add(http::Verb::get, path, handler);
    router.add_prefix(http::Verb::get, std::string(kIncidentPrefix), handler);
}

}  // namespace firebreak::web
