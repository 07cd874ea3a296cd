// The Teams app package: built, then read back with libzip as Teams would read it.

#include "firebreak/teams/app_package.hpp"

#include <unistd.h>
#include <zip.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>

namespace firebreak::teams {
namespace {

using nlohmann::json;

constexpr const char* kAppId = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";

PackageValues values() {
    return {kAppId, "bot.example.com", "1.2.3"};
}

class ScratchDir {
  public:
    ScratchDir() {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("firebreak-package-test-" + std::to_string(::getpid()) + "-" +
                 std::to_string(counter++));
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

/// Every entry of the zip at `path`, by name, read through libzip.
std::map<std::string, std::string> read_zip(const std::filesystem::path& path) {
    int error = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
    REQUIRE(zip != nullptr);
    std::map<std::string, std::string> entries;
    for (zip_int64_t i = 0; i < zip_get_num_entries(zip, 0); ++i) {
        zip_stat_t st;
        REQUIRE(zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &st) == 0);
        zip_file_t* file = zip_fopen_index(zip, static_cast<zip_uint64_t>(i), 0);
        REQUIRE(file != nullptr);
        std::string data(static_cast<std::size_t>(st.size), '\0');
        CHECK(zip_fread(file, data.data(), st.size) == static_cast<zip_int64_t>(st.size));
        zip_fclose(file);
        entries[st.name] = std::move(data);
    }
    zip_close(zip);
    return entries;
}

struct PngHeader {
    std::uint32_t width = 0, height = 0;
    int colour_type = -1;
};

PngHeader png_header(const std::string& png) {
    REQUIRE(png.size() > 33);
    REQUIRE(png.substr(0, 8) == "\x89PNG\r\n\x1a\n");
    REQUIRE(png.substr(12, 4) == "IHDR");
    auto be32 = [&png](std::size_t at) {
        std::uint32_t v = 0;
        for (std::size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(png[at + i]);
        return v;
    };
    return {be32(16), be32(20), static_cast<unsigned char>(png[25])};
}

}  // namespace

TEST_CASE("the package holds the filled manifest and both icons at Teams' sizes") {
    ScratchDir dir;
    auto out = dir.path() / "firebreak-teams.zip";
    REQUIRE_FALSE(write_app_package(out, values()).has_value());

    auto entries = read_zip(out);
    std::set<std::string> names;
    for (const auto& [name, data] : entries) names.insert(name);
    CHECK(names == std::set<std::string>{"manifest.json", "color.png", "outline.png"});

    const std::string& text = entries["manifest.json"];
    CHECK(text.find("{{") == std::string::npos);
    json manifest = json::parse(text, nullptr, false);
    REQUIRE_FALSE(manifest.is_discarded());
    CHECK(manifest["id"] == kAppId);
    CHECK(manifest["version"] == "1.2.3");
    CHECK(manifest["bots"][0]["botId"] == kAppId);
    CHECK(manifest["composeExtensions"][0]["botId"] == kAppId);
    CHECK(manifest["webApplicationInfo"]["id"] == kAppId);
    CHECK(manifest["validDomains"] == json::array({"bot.example.com"}));
    CHECK(manifest["icons"]["color"] == "color.png");
    CHECK(manifest["icons"]["outline"] == "outline.png");

    PngHeader color = png_header(entries["color.png"]);
    CHECK(color.width == 192);
    CHECK(color.height == 192);
    PngHeader outline = png_header(entries["outline.png"]);
    CHECK(outline.width == 32);
    CHECK(outline.height == 32);
    CHECK(outline.colour_type == 6);  // RGBA: white on transparent needs the alpha channel
}

TEST_CASE("the manifest keeps to Teams' schema limits") {
    json manifest = json::parse(filled_manifest(values()));
    CHECK(manifest["manifestVersion"] == "1.17");
    CHECK(manifest["$schema"].get<std::string>().find("/v1.17/") != std::string::npos);
    const json& bot = manifest["bots"][0];
    CHECK(bot["scopes"] == json::array({"team", "personal", "groupChat"}));
    std::set<std::string> titles;
    for (const json& list : bot["commandLists"]) {
        CHECK(list["commands"].size() <= 10);
        for (const json& command : list["commands"]) {
            CHECK(command["title"].get<std::string>().size() <= 32);
            CHECK(command["description"].get<std::string>().size() <= 128);
            titles.insert(command["title"].get<std::string>());
        }
    }
    CHECK(titles == std::set<std::string>{"declare", "update", "status", "ic", "tl", "comms",
                                          "mitigated", "resolve", "timeline", "help"});
    const json& action = manifest["composeExtensions"][0]["commands"][0];
    CHECK(action["type"] == "action");
    CHECK(action["context"] == json::array({"message"}));
    CHECK(action["fetchTask"] == false);
    CHECK(action["title"] == "Add to timeline");
    std::set<std::string> permissions;
    for (const json& p : manifest["authorization"]["permissions"]["resourceSpecific"]) {
        CHECK(p["type"] == "Application");
        permissions.insert(p["name"].get<std::string>());
    }
    CHECK(permissions ==
          std::set<std::string>{"Channel.Create.Group", "ChannelSettings.ReadWrite.Group",
                                "ChannelMember.ReadWrite.Group", "ChannelMessage.Read.Group"});
}

TEST_CASE("values that cannot go into a manifest are refused before anything is written") {
    auto with = [](auto change) {
        PackageValues v = values();
        change(v);
        return package_values_problem(v);
    };
    CHECK(with([](PackageValues& v) { v.app_id.clear(); })->starts_with("no app id"));
    auto not_guid = with([](PackageValues& v) { v.app_id = "28:not-a-guid-at-all"; });
    REQUIRE(not_guid);
    CHECK(not_guid->find("not a Microsoft App ID") != std::string::npos);
    CHECK(not_guid->find("28:not") == std::string::npos);  // the id is not echoed
    CHECK(with([](PackageValues& v) { v.bot_host.clear(); })->starts_with("no bot host"));
    CHECK(with([](PackageValues& v) { v.bot_host = "https://bot.example.com"; }));
    CHECK(with([](PackageValues& v) { v.bot_host = "bot\".example.com"; }));
    CHECK(with([](PackageValues& v) { v.bot_host = "localhost"; }));
    CHECK(with([](PackageValues& v) { v.version = "1.2"; }));
    CHECK(with([](PackageValues& v) { v.version = "1.2.3-beta"; }));
    CHECK_FALSE(package_values_problem(values()));

    ScratchDir dir;
    auto out = dir.path() / "p.zip";
    PackageValues bad = values();
    bad.app_id.clear();
    CHECK(write_app_package(out, bad));
    CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("a placeholder the packager does not know, or broken JSON, is an error") {
    CHECK_THROWS_AS(fill_manifest(R"({"id": "{{APP_ID}}", "x": "{{TENANT}}"})", values()),
                    std::invalid_argument);
    CHECK_THROWS_AS(fill_manifest(R"({"id": "{{APP_ID}}",})", values()), std::invalid_argument);
    CHECK(json::parse(fill_manifest(R"({"id": "{{APP_ID}}", "v": "{{VERSION}}"})", values())) ==
          json{{"id", kAppId}, {"v", "1.2.3"}});
}

TEST_CASE("an unwritable destination is reported and leaves nothing behind") {
    ScratchDir dir;
    auto missing = dir.path() / "no-such-dir" / "p.zip";
    auto problem = write_app_package(missing, values());
    REQUIRE(problem);
    CHECK(problem->find("no directory") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(missing));

    auto into_directory = write_app_package(dir.path(), values());
    REQUIRE(into_directory);
    CHECK(into_directory->find("is a directory") != std::string::npos);
}

TEST_CASE("writing over an earlier package replaces it") {
    ScratchDir dir;
    auto out = dir.path() / "p.zip";
    {
        std::ofstream old(out);
        old << "not a zip";
    }
    PackageValues v = values();
    v.version = "2.0.0";
    REQUIRE_FALSE(write_app_package(out, v));
    CHECK(json::parse(read_zip(out)["manifest.json"])["version"] == "2.0.0");
}

}  // namespace firebreak::teams
