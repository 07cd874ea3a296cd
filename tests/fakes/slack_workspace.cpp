#include "fakes/slack_workspace.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <utility>

namespace firebreak::fakes {
namespace {

using nlohmann::json;

// Slack's documented limits (see /work/shared/reference/slack.md).
constexpr std::size_t kMaxChannelName = 80;
constexpr std::size_t kMaxTopic = 250;
constexpr std::size_t kMaxBlocks = 50;
constexpr std::size_t kMaxSectionText = 3000;
constexpr std::size_t kMaxMessageText = 40000;
constexpr std::size_t kDefaultHistoryLimit = 100;

json failure(const char* code) {
    return {{"ok", false}, {"error", code}};
}

/// `args[key]` as a string: strings as they are, numbers as written, anything else "".
std::string text_of(const json& args, const char* key) {
    const auto it = args.find(key);
    if (it == args.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number()) return it->dump();
    return {};
}

/// Slack's booleans arrive as true, "true", "1" or 1 depending on the encoding.
bool flag_of(const json& args, const char* key) {
    const auto it = args.find(key);
    if (it == args.end()) return false;
    if (it->is_boolean()) return it->get<bool>();
    if (it->is_number()) return it->get<double>() != 0;
    if (it->is_string()) return *it == "true" || *it == "1";
    return false;
}

/// `blocks` and `view` are JSON in a JSON body, but a JSON-encoded string in a form body.
json structured_of(const json& args, const char* key) {
    const auto it = args.find(key);
    if (it == args.end()) return nullptr;
    if (!it->is_string()) return *it;
    json parsed = json::parse(it->get<std::string>(), nullptr, false);
    return parsed.is_discarded() ? json("invalid") : parsed;
}

/// Slack counts characters, not bytes.
std::size_t length_of(const std::string& utf8) {
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

/// A ts ("1700000000.000100") as (seconds, microseconds), for ordering.
std::pair<std::uint64_t, std::uint64_t> ts_key(const std::string& ts) {
    const auto dot = ts.find('.');
    std::uint64_t seconds = 0;
    std::uint64_t micros = 0;
    std::from_chars(ts.data(), ts.data() + std::min(dot, ts.size()), seconds);
    if (dot != std::string::npos) {
        std::string fraction = ts.substr(dot + 1, 6);
        fraction.resize(6, '0');
        std::from_chars(fraction.data(), fraction.data() + fraction.size(), micros);
    }
    return {seconds, micros};
}

/// The Block Kit limits Slack enforces with invalid_blocks; null when `blocks` passes.
const char* blocks_error(const json& blocks) {
    if (!blocks.is_array()) return "invalid_blocks";
    if (blocks.size() > kMaxBlocks) return "invalid_blocks";
    for (const json& block : blocks) {
        if (!block.is_object() || !block.contains("type")) return "invalid_blocks";
        if (block["type"] != "section" || !block.contains("text")) continue;
        const json& text = block["text"];
        if (!text.is_object() || !text.contains("text") || !text["text"].is_string()) {
            return "invalid_blocks";
        }
        if (length_of(text["text"].get<std::string>()) > kMaxSectionText) return "invalid_blocks";
    }
    return nullptr;
}

/// Present and not an empty array: a message needs text or blocks.
bool has_blocks(const json& blocks) {
    return !blocks.is_null() && !(blocks.is_array() && blocks.empty());
}

json channel_json(const SlackChannel& channel) {
    return {{"id", channel.id},
            {"name", channel.name},
            {"is_channel", !channel.is_private},
            {"is_private", channel.is_private},
            {"topic", {{"value", channel.topic}}},
            {"num_members", channel.members.size()}};
}

json message_json(const SlackMessage& message) {
    json out = {{"type", "message"}, {"text", message.text}, {"ts", message.ts}};
    // Another app's post has no user: a bot_message with bot_id, bot_profile and username.
    if (!message.user.empty()) out["user"] = message.user;
    if (message.user.empty() && !message.bot_id.empty()) out["subtype"] = "bot_message";
    if (!message.bot_id.empty()) out["bot_id"] = message.bot_id;
    if (!message.bot_name.empty())
        out["bot_profile"] = {{"id", message.bot_id}, {"name", message.bot_name}};
    if (!message.username.empty()) out["username"] = message.username;
    if (!message.files.empty()) {
        json files = json::array();
        for (std::size_t i = 0; i < message.files.size(); ++i)
            files.push_back({{"id", "F" + std::to_string(i + 1)},
                             {"name", message.files[i]},
                             {"title", message.files[i]}});
        out["files"] = files;
    }
    if (!message.blocks.is_null()) out["blocks"] = message.blocks;
    if (!message.thread_ts.empty()) out["thread_ts"] = message.thread_ts;
    if (message.updated) out["edited"] = {{"user", SlackWorkspace::kBotUser}};
    return out;
}

std::vector<std::string> split_users(const std::string& users) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= users.size()) {
        const std::size_t comma = std::min(users.find(',', start), users.size());
        std::string user = users.substr(start, comma - start);
        user.erase(0, user.find_first_not_of(' '));
        user.erase(user.find_last_not_of(' ') + 1);
        if (!user.empty()) out.push_back(std::move(user));
        start = comma + 1;
    }
    return out;
}

}  // namespace

const std::map<std::string, SlackWorkspace::Method>& SlackWorkspace::table() {
    static const std::map<std::string, Method> methods = {
        {"auth.test", &SlackWorkspace::auth_test},
        {"chat.postEphemeral", &SlackWorkspace::chat_post_ephemeral},
        {"chat.postMessage", &SlackWorkspace::chat_post_message},
        {"chat.update", &SlackWorkspace::chat_update},
        {"conversations.create", &SlackWorkspace::conversations_create},
        {"conversations.history", &SlackWorkspace::conversations_history},
        {"conversations.invite", &SlackWorkspace::conversations_invite},
        {"conversations.setTopic", &SlackWorkspace::conversations_set_topic},
        {"pins.add", &SlackWorkspace::pins_add},
        {"views.open", &SlackWorkspace::views_open},
        {"views.update", &SlackWorkspace::views_update},
        {"files.getUploadURLExternal", &SlackWorkspace::files_get_upload_url_external},
        {"files.completeUploadExternal", &SlackWorkspace::files_complete_upload_external},
    };
    return methods;
}

const std::vector<std::string>& SlackWorkspace::methods() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& [name, method] : table()) out.push_back(name);
        return out;
    }();
    return names;
}

json SlackWorkspace::answer(const std::string& method, const json& args) {
    const auto it = table().find(method);
    if (it == table().end()) return failure("unknown_method");
    return (this->*(it->second))(args);
}

void SlackWorkspace::add_channel(std::string id, std::string name, bool is_private) {
    SlackChannel& channel = channels_[id];
    channel.id = std::move(id);
    channel.name = std::move(name);
    channel.is_private = is_private;
}

void SlackWorkspace::add_message(std::string channel, std::string ts, std::string user,
                                 std::string text) {
    messages_.push_back(SlackMessage{std::move(channel),
                                     std::move(ts),
                                     std::move(text),
                                     nullptr,
                                     false,
                                     std::move(user),
                                     "",
                                     "",
                                     "",
                                     "",
                                     {}});
}

void SlackWorkspace::add_message(SlackMessage message) {
    messages_.push_back(std::move(message));
}

bool SlackWorkspace::receive_upload(const std::string& id, std::string bytes) {
    auto it = files_.find(id);
    if (it == files_.end()) return false;
    it->second.content = std::move(bytes);
    it->second.uploaded = true;
    return true;
}

std::vector<SlackFile> SlackWorkspace::shared_files() const {
    std::vector<SlackFile> out;
    for (const std::string& id : shared_order_) out.push_back(files_.at(id));
    return out;
}

std::optional<SlackChannel> SlackWorkspace::channel_named(const std::string& name) const {
    for (const auto& [id, channel] : channels_) {
        if (channel.name == name) return channel;
    }
    return std::nullopt;
}

std::optional<SlackChannel> SlackWorkspace::channel(const std::string& id) const {
    const auto it = channels_.find(id);
    if (it == channels_.end()) return std::nullopt;
    return it->second;
}

std::vector<SlackMessage> SlackWorkspace::messages(const std::string& channel) const {
    std::vector<SlackMessage> out;
    for (const SlackMessage& message : messages_) {
        if (message.channel == channel) out.push_back(message);
    }
    return out;
}

SlackChannel* SlackWorkspace::find_channel(const std::string& key, bool by_name_too) {
    const auto it = channels_.find(key);
    if (it != channels_.end()) return &it->second;
    if (!by_name_too || key.empty()) return nullptr;
    const std::string name = key.front() == '#' ? key.substr(1) : key;
    for (auto& [id, channel] : channels_) {
        if (channel.name == name) return &channel;
    }
    return nullptr;
}

SlackMessage* SlackWorkspace::find_message(const std::string& channel, const std::string& ts) {
    for (SlackMessage& message : messages_) {
        if (message.channel == channel && message.ts == ts) return &message;
    }
    return nullptr;
}

std::string SlackWorkspace::next_ts() {
    const std::uint64_t micros = ++ts_counter_ * 100;
    char ts[32];
    std::snprintf(ts, sizeof ts, "%llu.%06llu",
                  static_cast<unsigned long long>(1700000000 + micros / 1000000),
                  static_cast<unsigned long long>(micros % 1000000));
    return ts;
}

json SlackWorkspace::auth_test(const json&) {
    return {{"ok", true},          {"url", "https://firebreak-test.slack.com/"},
            {"team", "Firebreak"}, {"user", "firebreak"},
            {"team_id", kTeam},    {"user_id", kBotUser},
            {"bot_id", "B1"}};
}

json SlackWorkspace::conversations_create(const json& args) {
    const std::string name = text_of(args, "name");
    if (name.empty()) return failure("invalid_name_required");
    if (length_of(name) > kMaxChannelName) return failure("invalid_name_maxlength");
    const bool valid = std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
    if (!valid) return failure("invalid_name_specials");
    if (channel_named(name)) return failure("name_taken");

    std::string id;
    do {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "C%08llu",
                      static_cast<unsigned long long>(++channel_counter_));
        id = buffer;
    } while (channels_.count(id) != 0);
    add_channel(id, name, flag_of(args, "is_private"));
    return {{"ok", true}, {"channel", channel_json(channels_.at(id))}};
}

json SlackWorkspace::conversations_invite(const json& args) {
    SlackChannel* channel = find_channel(text_of(args, "channel"));
    if (channel == nullptr) return failure("channel_not_found");
    const std::vector<std::string> users = split_users(text_of(args, "users"));
    if (users.empty()) return failure("no_user");
    if (std::find(users.begin(), users.end(), kBotUser) != users.end()) {
        return failure("cant_invite_self");
    }
    bool added = false;
    for (const std::string& user : users) {
        auto& members = channel->members;
        if (std::find(members.begin(), members.end(), user) != members.end()) continue;
        members.push_back(user);
        added = true;
    }
    if (!added) return failure("already_in_channel");
    return {{"ok", true}, {"channel", channel_json(*channel)}};
}

json SlackWorkspace::conversations_set_topic(const json& args) {
    SlackChannel* channel = find_channel(text_of(args, "channel"));
    if (channel == nullptr) return failure("channel_not_found");
    std::string topic = text_of(args, "topic");
    if (length_of(topic) > kMaxTopic) return failure("too_long");
    channel->topic = std::move(topic);
    return {{"ok", true}, {"topic", channel->topic}, {"channel", channel_json(*channel)}};
}

json SlackWorkspace::conversations_history(const json& args) {
    const SlackChannel* channel = find_channel(text_of(args, "channel"));
    if (channel == nullptr) return failure("channel_not_found");
    const std::string latest = text_of(args, "latest");
    const std::string oldest = text_of(args, "oldest");
    const bool inclusive = flag_of(args, "inclusive");
    std::size_t limit = kDefaultHistoryLimit;
    if (const std::string text = text_of(args, "limit"); !text.empty()) {
        std::from_chars(text.data(), text.data() + text.size(), limit);
    }

    std::vector<const SlackMessage*> found;
    for (const SlackMessage& message : messages_) {
        if (message.channel != channel->id) continue;
        // Replies live in conversations.replies; only a thread's parent shows here.
        if (!message.thread_ts.empty() && message.thread_ts != message.ts) continue;
        const auto key = ts_key(message.ts);
        if (!latest.empty() && (inclusive ? key > ts_key(latest) : key >= ts_key(latest))) continue;
        if (!oldest.empty() && (inclusive ? key < ts_key(oldest) : key <= ts_key(oldest))) continue;
        found.push_back(&message);
    }
    std::stable_sort(found.begin(), found.end(), [](const SlackMessage* a, const SlackMessage* b) {
        return ts_key(a->ts) > ts_key(b->ts);
    });

    json messages = json::array();
    for (std::size_t i = 0; i < found.size() && i < limit; ++i) {
        messages.push_back(message_json(*found[i]));
    }
    return {{"ok", true}, {"messages", messages}, {"has_more", found.size() > limit}};
}

json SlackWorkspace::chat_post_message(const json& args) {
    const SlackChannel* channel = find_channel(text_of(args, "channel"), true);
    if (channel == nullptr) return failure("channel_not_found");
    const std::string text = text_of(args, "text");
    const json blocks = structured_of(args, "blocks");
    if (text.empty() && !has_blocks(blocks)) return failure("no_text");
    if (has_blocks(blocks)) {
        if (const char* error = blocks_error(blocks)) return failure(error);
    }
    if (length_of(text) > kMaxMessageText) return failure("msg_too_long");

    SlackMessage message{channel->id,
                         next_ts(),
                         text,
                         has_blocks(blocks) ? blocks : json(nullptr),
                         false,
                         kBotUser,
                         text_of(args, "thread_ts"),
                         "",
                         "",
                         "",
                         {}};
    messages_.push_back(message);
    return {{"ok", true},
            {"channel", message.channel},
            {"ts", message.ts},
            {"message", message_json(message)}};
}

json SlackWorkspace::chat_update(const json& args) {
    const SlackChannel* channel = find_channel(text_of(args, "channel"));
    if (channel == nullptr) return failure("channel_not_found");
    SlackMessage* message = find_message(channel->id, text_of(args, "ts"));
    if (message == nullptr) return failure("message_not_found");
    const std::string text = text_of(args, "text");
    const json blocks = structured_of(args, "blocks");
    if (text.empty() && blocks.is_null()) return failure("no_text");
    if (has_blocks(blocks)) {
        if (const char* error = blocks_error(blocks)) return failure(error);
    }
    if (length_of(text) > kMaxMessageText) return failure("msg_too_long");

    if (args.contains("text")) message->text = text;
    if (!blocks.is_null()) message->blocks = has_blocks(blocks) ? blocks : json(nullptr);
    message->updated = true;
    return {{"ok", true},
            {"channel", message->channel},
            {"ts", message->ts},
            {"text", message->text},
            {"message", message_json(*message)}};
}

json SlackWorkspace::chat_post_ephemeral(const json& args) {
    if (find_channel(text_of(args, "channel"), true) == nullptr) {
        return failure("channel_not_found");
    }
    if (text_of(args, "user").empty()) return failure("user_not_in_channel");
    const json blocks = structured_of(args, "blocks");
    if (text_of(args, "text").empty() && !has_blocks(blocks)) return failure("no_text");
    if (has_blocks(blocks)) {
        if (const char* error = blocks_error(blocks)) return failure(error);
    }
    return {{"ok", true}, {"message_ts", next_ts()}};
}

json SlackWorkspace::pins_add(const json& args) {
    SlackChannel* channel = find_channel(text_of(args, "channel"));
    if (channel == nullptr) return failure("channel_not_found");
    const std::string ts = text_of(args, "timestamp");
    if (ts.empty()) return failure("no_item_specified");
    if (find_message(channel->id, ts) == nullptr) return failure("message_not_found");
    if (std::find(channel->pins.begin(), channel->pins.end(), ts) != channel->pins.end()) {
        return failure("already_pinned");
    }
    channel->pins.push_back(ts);
    return {{"ok", true}};
}

json SlackWorkspace::views_open(const json& args) {
    json view = structured_of(args, "view");
    if (text_of(args, "trigger_id").empty() || !view.is_object()) {
        return failure("invalid_arguments");
    }
    char id[16];
    std::snprintf(id, sizeof id, "V%08llu", static_cast<unsigned long long>(++view_counter_));
    view["id"] = id;
    return {{"ok", true}, {"view", view}};
}

json SlackWorkspace::views_update(const json& args) {
    json view = structured_of(args, "view");
    const std::string id = text_of(args, "view_id");
    if (!view.is_object() || (id.empty() && text_of(args, "external_id").empty())) {
        return failure("invalid_arguments");
    }
    if (!id.empty()) view["id"] = id;
    return {{"ok", true}, {"view", view}};
}

json SlackWorkspace::files_get_upload_url_external(const json& args) {
    const std::string filename = text_of(args, "filename");
    const std::string length = text_of(args, "length");
    std::size_t bytes = 0;
    auto [end, ec] = std::from_chars(length.data(), length.data() + length.size(), bytes);
    if (filename.empty() || ec != std::errc() || end != length.data() + length.size() || bytes == 0)
        return failure("invalid_arguments");
    char id[16];
    std::snprintf(id, sizeof id, "F%08llu", static_cast<unsigned long long>(files_.size() + 1));
    SlackFile file;
    file.id = id;
    file.filename = filename;
    file.length = bytes;
    files_[id] = file;
    return {{"ok", true}, {"upload_url", upload_base_ + "?file=" + id}, {"file_id", id}};
}

json SlackWorkspace::files_complete_upload_external(const json& args) {
    const json files = structured_of(args, "files");
    if (!files.is_array() || files.empty()) return failure("invalid_arguments");
    const std::string channel_id = text_of(args, "channel_id");
    const SlackChannel* channel = channel_id.empty() ? nullptr : find_channel(channel_id);
    if (!channel_id.empty() && channel == nullptr) return failure("channel_not_found");
    json answered = json::array();
    std::vector<std::string> names;
    for (const json& f : files) {
        const std::string id = f.is_object() ? text_of(f, "id") : "";
        auto it = files_.find(id);
        if (it == files_.end()) return failure("file_not_found");
        // Slack checks the bytes against the length it was promised.
        if (!it->second.uploaded || it->second.content.size() != it->second.length)
            return failure("file_upload_size_mismatch");
        answered.push_back({{"id", id}, {"title", text_of(f, "title")}});
    }
    for (const json& f : files) {
        SlackFile& file = files_.at(text_of(f, "id"));
        if (file.shared) continue;  // completing again shares nothing more
        file.shared = true;
        file.title = text_of(f, "title");
        file.initial_comment = text_of(args, "initial_comment");
        if (channel != nullptr) file.channel = channel->id;
        shared_order_.push_back(file.id);
        names.push_back(file.filename);
    }
    if (channel != nullptr && !names.empty()) {
        SlackMessage message{channel->id, next_ts(), text_of(args, "initial_comment"),
                             nullptr,     false,     kBotUser,
                             "",          "",        "",
                             "",          names};
        messages_.push_back(std::move(message));
    }
    return {{"ok", true}, {"files", answered}};
}

}  // namespace firebreak::fakes
