#include "firebreak/config/loader.hpp"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "diagnostics.hpp"
#include "messages.hpp"
#include "parse.hpp"
#include "time_zone_file.hpp"
#include "validate.hpp"
#include "validate_teams.hpp"
#include "yaml_document.hpp"

namespace firebreak::config {

namespace {

/// Config files are written by hand; anything larger is the wrong file.
constexpr std::uintmax_t kMaxConfigBytes = 1024 * 1024;

LoadResult finish(detail::Diagnostics& diag, Config config) {
    LoadResult result;
    result.errors = diag.take_errors();
    if (result.errors.empty()) result.config = std::move(config);
    return result;
}

void load_document(std::string_view yaml, const Environment& env, Config& config,
                   detail::Diagnostics& diag) {
    detail::YamlDocuments documents = detail::read_documents(yaml);
    if (documents.count == 0) {
        diag.error(YAML::Mark{}, "",
                   "the file is empty: expected a map of sections such as server, slack and "
                   "severities");
        return;
    }
    const YAML::Node& root = documents.first;
    if (!root.IsMap()) {
        YAML::Mark mark = root.Mark().is_null() ? YAML::Mark{} : root.Mark();
        diag.error(mark, "",
                   "expected a map of sections such as server, slack and severities at the top "
                   "level, got " +
                       detail::describe(root));
        return;
    }
    if (documents.count > 1) {
        diag.error(documents.second_start, "",
                   "expected one YAML document, found more: remove the '---' separators");
        return;
    }
    detail::parse_config(detail::Field{root, "", root.Mark()}, env, config, diag);
    detail::validate(config, diag);
    if (diag.has_errors()) return;
    detail::complete_roles(config.roles);
    detail::complete_teams(config);
    // The check above read it once; it cannot fail now unless the file changed meanwhile.
    auto zone = detail::load_time_zone(config.incident.time_zone);
    if (auto* loaded = std::get_if<core::TimeZone>(&zone))
        config.incident.zone = std::move(*loaded);
    else
        diag.error_at("incident.time_zone", std::get<std::string>(zone));
    config.status_page.zone = config.incident.zone;
    if (!config.status_page.time_zone.empty()) {
        auto page_zone = detail::load_time_zone(config.status_page.time_zone);
        if (auto* loaded = std::get_if<core::TimeZone>(&page_zone))
            config.status_page.zone = std::move(*loaded);
        else
            diag.error_at("status_page.time_zone", std::get<std::string>(page_zone));
    }
}

}  // namespace

LoadResult load_string(std::string_view yaml, const std::string& file_name,
                       const Environment& env) {
    detail::Diagnostics diag(file_name);
    Config config;
    try {
        load_document(yaml, env, config, diag);
    } catch (const YAML::Exception& e) {
        // Syntax errors, and yaml-cpp's depth limit on deeply nested input.
        diag.error(e.mark, "", "invalid YAML: " + e.msg);
    } catch (const std::exception& e) {
        diag.error(YAML::Mark::null_mark(), "",
                   std::string("could not read the config: ") + e.what());
    }
    return finish(diag, std::move(config));
}

LoadResult load_file(const std::filesystem::path& path, const Environment& env) {
    const std::string name = path.string();
    detail::Diagnostics diag(name);
    auto fail = [&](const std::string& message) {
        diag.error(YAML::Mark::null_mark(), "", message);
        return finish(diag, Config{});
    };
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return fail("cannot read the file: is a directory");
    if (auto size = std::filesystem::file_size(path, ec); !ec && size > kMaxConfigBytes)
        return fail("the file is larger than 1 MiB; is it the right file?");
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail("cannot read the file: " + std::string(std::strerror(errno)));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return fail("cannot read the file: " + std::string(std::strerror(errno)));
    return load_string(text.str(), name, env);
}

}  // namespace firebreak::config
