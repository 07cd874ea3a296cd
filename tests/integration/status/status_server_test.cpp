// The status page from the real binary: published from Slack over signed requests, read
// over HTTP on the public listener, saved for the document checks (JSON Schema, Atom,
// HTML), and loaded by a real headless browser.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "fakes/fake_slack.hpp"
#include "support/loopback_client.hpp"
#include "support/serve_process.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;

namespace {

constexpr const char* kSecret = "status-test-signing-secret";

std::string write_config(const firebreak::testing::TempDir& dir, const fakes::FakeSlack& fake) {
    std::string path = dir.file("firebreak.yaml");
    std::ofstream(path) << firebreak::testing::slack_http_config(dir.file("firebreak.db"),
                                                                 fake.base_url())
                        << "status_page:\n  enabled: true\n  title: Example status\n"
                        << "  public_url: https://status.example.com\n"
                        << "  time_zone: Europe/Berlin\n  components:\n"
                        << "    - {id: api, name: Public API, description: The REST API}\n"
                        << "    - {id: checkout, name: Checkout, description: Paying for orders}\n"
                        << "    - {id: web, name: Website}\n";
    return path;
}

std::string encode(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

struct Server {
    firebreak::testing::TempDir dir;
    fakes::FakeSlack fake;
    std::unique_ptr<firebreak::testing::ServeProcess> serve;
    int requests = 0;  ///< each command its own trigger_id, as Slack sends them

    Server() {
        fake.add_channel("CANNOUNCE", "incidents");
        serve = std::make_unique<firebreak::testing::ServeProcess>(
            write_config(dir, fake),
            std::vector<std::pair<std::string, std::string>>{
                {"SLACK_SIGNING_SECRET", kSecret}, {"SLACK_BOT_TOKEN", "xoxb-test-token"}});
    }

    std::string command(const std::string& user, const std::string& channel,
                        const std::string& text) {
        auto r = firebreak::testing::post_signed_command(
            serve->port(), kSecret,
            "team_id=T1&channel_id=" + channel + "&user_id=" + user + "&command=%2Fincident&text=" +
                encode(text) + "&trigger_id=TR" + std::to_string(++requests));
        REQUIRE(r.result_int() == 200);
        return r.body();
    }

    /// Declares the nth incident and waits until its channel exists and has a pin. Waiting
    /// for the nth pins.add is not enough: a SEV1 pins its checklist too, so the second
    /// incident's pin count can be reached before the third incident's channel exists.
    std::string declare(const std::string& text, std::size_t nth) {
        std::string reply = command("U1", "CGENERAL", "declare " + text);
        INFO(reply);
        INFO(serve->output());
        REQUIRE(fake.wait_for_calls("conversations.create", nth, std::chrono::seconds(30)));
        const std::string name =
            fake.calls("conversations.create").at(nth - 1).body["name"].get<std::string>();
        // The call is recorded before the fake makes the channel; its pin comes after.
        std::optional<fakes::FakeSlack::Channel> channel;
        bool pinned = false;
        for (std::size_t pins = 1;
             !pinned && fake.wait_for_calls("pins.add", pins, std::chrono::seconds(30)); ++pins) {
            channel = fake.channel_named(name);
            for (const auto& call : fake.calls("pins.add"))
                pinned = pinned || (channel && call.body.value("channel", "") == channel->id);
        }
        REQUIRE(pinned);
        return channel->id;
    }

    /// `publish <text>`, then the preview's Publish.
    void publish(const std::string& user, const std::string& channel, const std::string& text) {
        std::string preview = command(user, channel, "publish " + text);
        std::smatch m;
        REQUIRE(std::regex_search(preview, m, std::regex("publish confirm ([0-9]+)")));
        command(user, channel, "publish confirm " + m[1].str());
    }

    http::Response get(const std::string& target, const std::string& if_none_match = "") {
        http::Request request{http::Verb::get, target, 11};
        if (!if_none_match.empty()) request.set(http::Field::if_none_match, if_none_match);
        http::testing::LoopbackClient client(serve->port());
        return client.request(std::move(request));
    }

    /// GETs until `path` shows `text` (the page is rebuilt just after the commit).
    std::string wait_for(const std::string& path, const std::string& text) {
        for (int i = 0; i < 200; ++i) {
            auto r = get(path);
            if (r.body().find(text) != std::string::npos) return r.body();
        }
        FAIL(path << " never showed " << text);
        return "";
    }
};

const std::vector<std::string> kPaths{
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

std::string file_name(const std::string& path) {
    std::string name = path.substr(1);
    for (std::size_t at; (at = name.find('/')) != std::string::npos;) name.replace(at, 1, "__");
    return name;
}

/// Runs `command` and returns its standard output.
std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    char buf[4096];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    pclose(pipe);
    return out;
}

}  // namespace

TEST_CASE("published from Slack, the page is served on the public listener and leaks nothing") {
    Server s;
    std::string channel = s.declare("Checkout errors sev1", 1);
    std::string secret = s.declare("Payroll export leaked sev1 --private", 2);
    std::string drill = s.declare("Game day failover sev2 --drill", 3);
    s.command("U1", channel, "comms me");
    s.command("U1", channel, "note rolled back deploy 4411 on db-7");
    s.command("U1", channel, "affects api=partial checkout=major");
    CHECK_THAT(s.command("U1", secret, "publish We are investigating."),
               Catch::Contains("never published"));
    CHECK_THAT(s.command("U1", drill, "publish We are investigating."),
               Catch::Contains("never published"));

    for (const char* status : {"investigating", "identified", "monitoring", "resolved"}) {
        s.publish("U1", channel, std::string(status));
        auto summary = nlohmann::json::parse(
            s.wait_for("/api/v2/incidents.json", std::string("\"status\":\"") + status + "\""));
        INFO(status);
        CHECK(summary["incidents"].size() == 1);
    }
    s.publish("U1", channel, "resolved Follow-up: all orders from the window were retried.");

    // Save every document for the checks that follow (JSON Schema, Atom, HTML).
    const std::filesystem::path out = FIREBREAK_STATUS_DOCUMENTS;
    std::filesystem::remove_all(out);
    std::filesystem::create_directories(out);
    auto incidents = nlohmann::json::parse(s.get("/api/v2/incidents.json").body());
    REQUIRE(incidents["incidents"].size() == 1);
    std::vector<std::string> paths = kPaths;
    paths.push_back("/status/incidents/" + incidents["incidents"][0]["id"].get<std::string>());

    const std::string channel_name =
        s.fake.calls("conversations.create").at(0).body["name"].get<std::string>();
    for (const auto& path : paths) {
        INFO(path);
        auto r = s.get(path);
        REQUIRE(r.result_int() == 200);
        std::ofstream(out / (file_name(path) + (path.starts_with("/status/incidents/") ? ".html"
                                                : path == "/status"                    ? ".html"
                                                                                       : "")))
            << r.body();
        for (const std::string& word :
             {channel_name, channel, secret, drill, std::string("U1"), std::string("Payroll"),
              std::string("Game day"), std::string("4411"), std::string("db-7"),
              std::string("SEV1")})
            CHECK(r.body().find(word) == std::string::npos);
        // Served from memory with a validator: the same bytes again cost a 304.
        std::string etag(r[http::Field::etag]);
        REQUIRE_FALSE(etag.empty());
        CHECK(s.get(path, etag).result_int() == 304);
        CHECK(std::string(r[http::Field::cache_control]) == "public, no-cache");
    }
    CHECK_THAT(s.get("/status").body(), Catch::Contains("(UTC+01:00)"));  // Europe/Berlin
    CHECK(s.get("/healthz").result_int() == 200);
    CHECK(s.serve->stop(SIGTERM) == 0);
}

TEST_CASE("a real browser renders /status: banner, incident, components", "[.browser]") {
    const char* chromium = std::getenv("FIREBREAK_CHROMIUM");
    REQUIRE(chromium != nullptr);  // CMake found Debian's chromium; scripts/bootstrap installs it
    Server s;
    std::string channel = s.declare("Checkout errors sev1", 1);
    s.command("U1", channel, "affects api=degraded checkout=major");
    s.publish("U1", channel, "investigating");
    s.publish("U1", channel,
              "identified We have identified the cause and are applying mitigation to "
              "restore service. Users may continue to see failed payments.");
    s.wait_for("/status", "failed payments");

    const std::string url = "http://127.0.0.1:" + std::to_string(s.serve->port()) + "/status";
    const std::string flags =
        " --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
        "--hide-scrollbars --user-data-dir=" +
        s.dir.file("chromium-profile") + " ";
    std::string dom =
        run("timeout 120 " + std::string(chromium) + flags + "--dump-dom " + url + " 2>/dev/null");
    INFO(dom.substr(0, 2000));
    CHECK_THAT(dom, Catch::Contains("<html lang=\"en\">"));
    CHECK_THAT(dom, Catch::Contains("<h1>Example status</h1>"));
    CHECK_THAT(dom, Catch::Contains("Major System Outage"));
    CHECK_THAT(dom, Catch::Contains("Active incidents"));
    CHECK_THAT(dom, Catch::Contains("Users may continue to see failed payments."));
    CHECK_THAT(dom, Catch::Contains("<strong>Identified</strong>"));
    CHECK_THAT(dom, Catch::Contains("Degraded performance"));
    CHECK_THAT(dom, Catch::Contains("Major outage"));
    CHECK(dom.find("<script") == std::string::npos);

    const char* wanted = std::getenv("FIREBREAK_STATUS_SCREENSHOT");
    const std::string shot =
        wanted && *wanted ? std::string(wanted) : s.dir.file("status-page.png");
    std::filesystem::remove(shot);
    run("timeout 120 " + std::string(chromium) + flags +
        "--window-size=1000,1500 --screenshot=" + shot + " " + url + " 2>/dev/null");
    REQUIRE(std::filesystem::exists(shot));
    CHECK(std::filesystem::file_size(shot) > 10000);
    CHECK(s.serve->stop(SIGTERM) == 0);
}
