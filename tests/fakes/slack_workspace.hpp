#pragma once
// The Slack workspace a FakeSlack serves: channels, their members, topics, pins and messages,
// and the default answer of every Web API method it knows. Not thread-safe: FakeSlack holds
// its lock around every call.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace firebreak::fakes {

struct SlackChannel {
    std::string id, name, topic;
    bool is_private = false;
    std::vector<std::string> members, pins;
};

/// A message in a channel, as it reads now (after any chat.update).
struct SlackMessage {
    std::string channel, ts, text;
    nlohmann::json blocks;
    bool updated = false;
    std::string user;       // "UBOT" for what the bot posted; empty for another bot's post
    std::string thread_ts;  // empty outside a thread
    /// Another app's post (subtype bot_message): its bot_id, bot_profile.name and the
    /// username it posted as; any may be empty.
    std::string bot_id, bot_name, username;
    /// Names of the files attached ("report.pdf"), each listed in the message's "files".
    std::vector<std::string> files;
};

/// A file shared with files.completeUploadExternal.
struct SlackFile {
    std::string id, filename, title, channel, initial_comment;
    std::string content;     ///< the bytes POSTed to its upload URL
    std::size_t length = 0;  ///< what files.getUploadURLExternal was told
    bool uploaded = false, shared = false;
};

class SlackWorkspace {
  public:
    /// The bot's own identity, as auth.test reports it and as the author of what it posts.
    static constexpr const char* kBotUser = "UBOT";
    static constexpr const char* kTeam = "T1";

    /// The methods answer() implements, e.g. "chat.postMessage".
    static const std::vector<std::string>& methods();

    /// The default answer of `method` to the (authenticated, parsed) `args`: always an object
    /// with "ok"; {"ok":false,"error":"unknown_method"} for a method not in methods().
    nlohmann::json answer(const std::string& method, const nlohmann::json& args);

    void add_channel(std::string id, std::string name, bool is_private);
    void add_message(std::string channel, std::string ts, std::string user, std::string text);
    /// Any message, with bot fields and files (its channel and ts must be set).
    void add_message(SlackMessage message);

    /// Where files.getUploadURLExternal points: `base` + "?file=<id>" (the fake's own URL).
    void set_upload_base(std::string base) { upload_base_ = std::move(base); }
    /// The bytes POSTed to file `id`'s upload URL; false for an unknown id.
    bool receive_upload(const std::string& id, std::string bytes);
    /// Files shared into channels, in the order they were shared.
    std::vector<SlackFile> shared_files() const;

    std::optional<SlackChannel> channel_named(const std::string& name) const;
    std::optional<SlackChannel> channel(const std::string& id) const;
    /// The channel's messages in the order they were posted or added.
    std::vector<SlackMessage> messages(const std::string& channel) const;

  private:
    using Method = nlohmann::json (SlackWorkspace::*)(const nlohmann::json&);
    /// Every implemented method by name: answer() and methods() both read it.
    static const std::map<std::string, Method>& table();

    nlohmann::json auth_test(const nlohmann::json& args);
    nlohmann::json conversations_create(const nlohmann::json& args);
    nlohmann::json conversations_invite(const nlohmann::json& args);
    nlohmann::json conversations_set_topic(const nlohmann::json& args);
    nlohmann::json conversations_history(const nlohmann::json& args);
    nlohmann::json chat_post_message(const nlohmann::json& args);
    nlohmann::json chat_update(const nlohmann::json& args);
    nlohmann::json chat_post_ephemeral(const nlohmann::json& args);
    nlohmann::json pins_add(const nlohmann::json& args);
    nlohmann::json views_open(const nlohmann::json& args);
    nlohmann::json views_update(const nlohmann::json& args);
    nlohmann::json files_get_upload_url_external(const nlohmann::json& args);
    nlohmann::json files_complete_upload_external(const nlohmann::json& args);

    /// The channel with id `key`, or (as chat.postMessage allows) named `key` or "#key".
    SlackChannel* find_channel(const std::string& key, bool by_name_too = false);
    SlackMessage* find_message(const std::string& channel, const std::string& ts);
    /// "1700000000.000100", "1700000000.000200", …: unique and increasing.
    std::string next_ts();

    std::map<std::string, SlackChannel> channels_;  // by id
    std::vector<SlackMessage> messages_;            // all channels, in arrival order
    std::uint64_t channel_counter_ = 0;
    std::uint64_t ts_counter_ = 0;
    std::uint64_t view_counter_ = 0;
    std::uint64_t ephemeral_counter_ = 0;
    std::string upload_base_;
    std::map<std::string, SlackFile> files_;  // by id
    std::vector<std::string> shared_order_;   // file ids as shared
};

}  // namespace firebreak::fakes
