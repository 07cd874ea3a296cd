#include "firebreak/reload/config_reloader.hpp"

#include <openssl/evp.h>

#include <fstream>
#include <sstream>

#include "firebreak/config/loader.hpp"

namespace firebreak::reload {
namespace {

std::vector<std::string> restart_only_changes(const config::Config& before,
                                              const config::Config& after) {
    std::vector<std::string> changed;
    auto note = [&](bool differs, const char* key) {
        if (differs) changed.emplace_back(key);
    };
    note(before.server.listen != after.server.listen, "server.listen");
    note(before.server.admin_listen != after.server.admin_listen, "server.admin_listen");
    note(before.server.tls.cert_file != after.server.tls.cert_file ||
             before.server.tls.key_file != after.server.tls.key_file,
         "server.tls");
    note(before.storage.sqlite.path != after.storage.sqlite.path ||
             before.storage.sqlite.synchronous != after.storage.sqlite.synchronous,
         "storage.sqlite");
    note(before.slack.enabled != after.slack.enabled || before.slack.mode != after.slack.mode ||
             before.slack.signing_secret.env_var != after.slack.signing_secret.env_var ||
             before.slack.bot_token.env_var != after.slack.bot_token.env_var ||
             before.slack.app_token.env_var != after.slack.app_token.env_var ||
             before.slack.api_base_url != after.slack.api_base_url,
         "slack (platform connection)");
    note(before.teams.enabled != after.teams.enabled ||
             before.teams.app_id.env_var != after.teams.app_id.env_var ||
             before.teams.app_password.env_var != after.teams.app_password.env_var,
         "teams (platform connection)");
    // Read once, at start, by the decoders and the deliverers.
    note(before.slack.timeline_emoji != after.slack.timeline_emoji, "slack.timeline_emoji");
    const auto& tb = before.teams;
    const auto& ta = after.teams;
    note(tb.tenant_id != ta.tenant_id || tb.openid_metadata_url != ta.openid_metadata_url ||
             tb.token_url != ta.token_url || tb.graph_url != ta.graph_url ||
             tb.service_url != ta.service_url || tb.incidents_team != ta.incidents_team ||
             tb.incident_space != ta.incident_space || tb.timeline_reaction != ta.timeline_reaction,
         "teams (platform settings)");
    // In thread mode each incident's thread starts in the announce channel, which the
    // deliverer read at start; in channel mode announcements follow a reload.
    note((tb.thread_mode() || ta.thread_mode()) && tb.announce_channel != ta.announce_channel,
         "teams.announce_channel");
    note(before.log.format != after.log.format || before.log.level != after.log.level, "log");
    // The page's routes and settings are built once, at start.
    const auto& pb = before.status_page;
    const auto& pa = after.status_page;
    note(pb.enabled != pa.enabled || pb.title != pa.title || pb.public_url != pa.public_url ||
             pb.time_zone != pa.time_zone || pb.components != pa.components,
         "status_page");
    return changed;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < size; ++i) {
        out.push_back(kHex[digest[i] >> 4]);
        out.push_back(kHex[digest[i] & 0xf]);
    }
    return out;
}

ConfigReloader::ConfigReloader(std::filesystem::path path, config::Environment env)
    : path_(std::move(path)), env_(std::move(env)) {}

ReloadResult ConfigReloader::reload(core::Timestamp now) {
    ReloadResult result;
    std::ifstream in(path_, std::ios::binary);
    if (!in) {
        result.outcome = ReloadResult::Outcome::rejected;
        result.errors.push_back({path_.string(), 0, 0, "", "cannot read the file"});
        return result;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string text = bytes.str();
    result.version = sha256_hex(text).substr(0, 12);
    if ((loaded_ && result.version == current_.version) || result.version == last_rejected_)
        return result;

    config::LoadResult loaded = config::load_string(text, path_.string(), env_);
    if (!loaded.ok()) {
        result.outcome = ReloadResult::Outcome::rejected;
        result.errors = std::move(loaded.errors);
        last_rejected_ = result.version;
        return result;
    }
    if (loaded_) result.needs_restart = restart_only_changes(current_.config, *loaded.config);
    current_ = LoadedConfig{std::move(*loaded.config), result.version, now};
    loaded_ = true;
    last_rejected_.clear();
    result.outcome = ReloadResult::Outcome::applied;
    return result;
}

}  // namespace firebreak::reload
