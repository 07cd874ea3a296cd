// The page over HTTP: served from memory, rebuilt once per change, ETag and 304.
#include <catch2/catch.hpp>

#include "firebreak/http/router.hpp"
#include "status_fixture.hpp"

using namespace firebreak;
using namespace firebreak::status_testing;

namespace {

http::Response get(const http::Router& router, const std::string& target,
                   const std::string& if_none_match = "") {
    http::Request request{http::Verb::get, target, 11};
    if (!if_none_match.empty()) request.set(http::Field::if_none_match, if_none_match);
    return router.route(request);
}

std::string header(const http::Response& r, http::Field f) {
    auto it = r.find(f);
    return it == r.end() ? "" : std::string(it->value());
}

}  // namespace

TEST_CASE("every public path answers from memory with an ETag; a matching one gets 304") {
    StatusFixture f;
    http::Router router;
    f.site.add_routes(router);
    for (const auto& path : web::status_paths()) {
        INFO(path);
        http::Response r = get(router, path);
        CHECK(r.result() == http::Status::ok);
        CHECK(header(r, http::Field::cache_control) == "public, no-cache");
        std::string etag = header(r, http::Field::etag);
        REQUIRE(etag.size() > 2);
        CHECK(etag.front() == '"');
        http::Response again = get(router, path, etag);
        CHECK(again.result() == http::Status::not_modified);
        CHECK(again.body().empty());
        CHECK(header(again, http::Field::etag) == etag);
        CHECK(get(router, path, "\"other\", W/" + etag).result() == http::Status::not_modified);
        CHECK(get(router, path, "\"other\"").result() == http::Status::ok);
    }
    CHECK(header(get(router, "/status"), http::Field::content_type) == "text/html; charset=utf-8");
    CHECK(header(get(router, "/status/feed.atom"), http::Field::content_type) ==
          "application/atom+xml; charset=utf-8");
    CHECK(header(get(router, "/api/v2/summary.json"), http::Field::content_type) ==
          "application/json; charset=utf-8");
}

TEST_CASE("a publish changes the ETag; a commit that does not touch the page rebuilds nothing") {
    StatusFixture f;
    http::Router router;
    f.site.add_routes(router);
    std::string channel = f.declare("Checkout errors sev2");
    CHECK_FALSE(f.site.refresh());  // a declare is not public
    std::string before = header(get(router, "/api/v2/summary.json"), http::Field::etag);

    app::Reply preview = f.run("alice", channel, "publish We are looking into it.");
    CHECK_FALSE(f.site.refresh());  // a preview is not public either
    f.run("alice", channel, "publish confirm " + std::to_string(StatusFixture::draft_of(preview)));
    CHECK(f.site.refresh());
    CHECK_FALSE(f.site.refresh());
    http::Response after = get(router, "/api/v2/summary.json", before);
    CHECK(after.result() == http::Status::ok);
    CHECK(header(after, http::Field::etag) != before);

    f.run("alice", channel, "note nothing public");
    CHECK_FALSE(f.site.refresh());

    const std::string id = f.json("/api/v2/incidents.json")["incidents"][0]["id"];
    CHECK(get(router, "/status/incidents/" + id).result() == http::Status::ok);
    CHECK(get(router, "/status/incidents/" + id + "?utm=1").result() == http::Status::ok);
    CHECK(get(router, "/status/incidents/nosuchthing").result() == http::Status::not_found);
}

TEST_CASE("the page rebuilds on a new day so its history moves on") {
    StatusFixture f;
    http::Router router;
    f.site.add_routes(router);
    auto built = f.site.current()->built_on;
    f.clock.advance(std::chrono::hours(24));
    get(router, "/status");
    CHECK(f.site.current()->built_on != built);
}

TEST_CASE("times are shown in the page's zone, with the offset") {
    web::StatusSiteSettings settings = site_settings();
    settings.zone = core::TimeZone("Test/Plus2", {std::chrono::hours(2), "PLT"}, {}, std::nullopt);
    core::PublishedIncident inc;
    inc.title = "Errors";
    inc.face.public_id = "abc";
    inc.face.status = core::PublicStatus::investigating;
    inc.face.created_at = inc.face.updated_at = t0();
    inc.updates.push_back({1, 0, core::PublicStatus::investigating, "Looking.", "", t0(), {}});
    auto page = web::build_status_snapshot(settings, {inc}, t0(), 1);
    const std::string& json = page->documents.at("/api/v2/incidents.json").body;
    CHECK_THAT(json, Catch::Contains("\"created_at\":\"2026-11-22T12:00:00+02:00\""));
    CHECK_THAT(json, Catch::Contains("\"time_zone\":\"Test/Plus2\""));
    const std::string& html = page->documents.at("/status").body;
    CHECK_THAT(html, Catch::Contains("2026-11-22 12:00 PLT (UTC+02:00)"));
    CHECK_THAT(html, Catch::Contains("datetime=\"2026-11-22T12:00:00+02:00\""));
}
