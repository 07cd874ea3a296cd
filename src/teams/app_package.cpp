#include "firebreak/teams/app_package.hpp"

#include <zip.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "firebreak/core/ids.hpp"
#include "package_files.hpp"

namespace firebreak::teams {

namespace {

/// A DNS name of letters, digits, '-' and '.', with at least one dot: nothing that needs
/// escaping in JSON or could turn validDomains into a wildcard.
bool host_shaped(std::string_view host) {
    bool chars = std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '.';
    });
    return chars && !host.empty() && host.size() <= 253 && host.front() != '.' &&
           host.back() != '.' && host.find('.') != std::string_view::npos &&
           host.find("..") == std::string_view::npos;
}

/// "1.4.0": three numbers, as the manifest's version must be.
bool version_shaped(std::string_view version) {
    int parts = 0;
    std::size_t digits = 0;
    for (char c : version) {
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (c == '.' && digits > 0) {
            ++parts;
            digits = 0;
        } else {
            return false;
        }
    }
    return parts == 2 && digits > 0;
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

struct ZipDiscard {
    void operator()(zip_t* z) const { zip_discard(z); }
};

}  // namespace

std::optional<std::string> package_values_problem(const PackageValues& values) {
    if (values.app_id.empty())
        return "no app id: export the Azure Bot's Microsoft App ID as the variable teams.app_id "
               "names (TEAMS_APP_ID in the example config)";
    if (!core::is_guid(values.app_id))
        return "the app id is not a Microsoft App ID (a GUID like "
               "72f988bf-86f1-41af-91ab-2d7cd011db47)";
    if (values.bot_host.empty())
        return "no bot host: set teams.bot_host, or server.public_url, to the public host that "
               "serves /teams/messages";
    if (!host_shaped(values.bot_host))
        return "the bot host '" + values.bot_host +
               "' is not a host name like firebreak.example.com";
    if (!version_shaped(values.version))
        return "the version '" + values.version + "' is not MAJOR.MINOR.PATCH like 1.0.0";
    return std::nullopt;
}

std::string fill_manifest(std::string_view manifest_template, const PackageValues& values) {
    if (auto problem = package_values_problem(values)) throw std::invalid_argument(*problem);
    std::string text(manifest_template);
    replace_all(text, "{{APP_ID}}", values.app_id);
    replace_all(text, "{{BOT_HOST}}", values.bot_host);
    replace_all(text, "{{VERSION}}", values.version);
    if (auto left = text.find("{{"); left != std::string::npos)
        throw std::invalid_argument("the manifest template has an unknown placeholder: " +
                                    text.substr(left, text.find("}}", left) - left + 2));
    if (nlohmann::json::parse(text, nullptr, false).is_discarded())
        throw std::invalid_argument("the filled manifest is not valid JSON");
    return text;
}

std::string filled_manifest(const PackageValues& values) {
    return fill_manifest(detail::package_files().manifest_template, values);
}

std::optional<std::string> write_app_package(const std::filesystem::path& out,
                                             const PackageValues& values) {
    std::string manifest;
    try {
        manifest = filled_manifest(values);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    std::error_code ec;
    if (std::filesystem::is_directory(out, ec)) return out.string() + " is a directory";
    const std::filesystem::path dir = out.parent_path().empty() ? "." : out.parent_path();
    if (!std::filesystem::is_directory(dir, ec))
        return "cannot write " + out.string() + ": no directory " + dir.string();

    int error = 0;
    std::unique_ptr<zip_t, ZipDiscard> zip(
        zip_open(out.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error));
    if (!zip) {
        zip_error_t why;
        zip_error_init_with_code(&why, error);
        std::string message = "cannot write " + out.string() + ": " + zip_error_strerror(&why);
        zip_error_fini(&why);
        return message;
    }
    const detail::PackageFiles files = detail::package_files();
    // The buffers outlive the archive: libzip reads them when it is closed.
    const std::pair<const char*, std::string_view> entries[] = {
        {"manifest.json", manifest},
        {"color.png", files.color_png},
        {"outline.png", files.outline_png},
    };
    for (const auto& [name, data] : entries) {
        zip_source_t* source = zip_source_buffer(zip.get(), data.data(), data.size(), 0);
        if (!source || zip_file_add(zip.get(), name, source, ZIP_FL_ENC_UTF_8) < 0) {
            if (source) zip_source_free(source);
            return "cannot add " + std::string(name) + " to " + out.string() + ": " +
                   zip_strerror(zip.get());
        }
    }
    // libzip writes a temporary file next to `out` and renames it over `out` here, so a
    // failure leaves no half-written package behind.
    if (zip_close(zip.get()) < 0)
        return "cannot write " + out.string() + ": " + zip_strerror(zip.get());
    zip.release();  // closed: zip_close freed it
    return std::nullopt;
}

}  // namespace firebreak::teams
