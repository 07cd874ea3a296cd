#include "yaml_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "messages.hpp"

namespace firebreak::config::detail {

namespace {

/// The scalar text of `field`, or an error "expected <expected>, got <what it is>".
std::optional<std::string> scalar(const Field& field, std::string_view expected,
                                  std::string_view hint_when_empty, Diagnostics& diag) {
    if (field.node.IsScalar()) return field.node.Scalar();
    std::string message = "expected " + std::string(expected) + ", got " + describe(field.node);
    if (field.node.IsNull() && !hint_when_empty.empty())
        message += " (" + std::string(hint_when_empty) + ")";
    diag.error(field.mark, field.path, std::move(message));
    return std::nullopt;
}

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

/// "${NAME}" with NAME a valid environment variable name; nullopt otherwise.
std::optional<std::string> env_reference(std::string_view text) {
    if (text.size() < 4 || !text.starts_with("${") || !text.ends_with("}")) return std::nullopt;
    std::string_view name = text.substr(2, text.size() - 3);
    if (std::isdigit(static_cast<unsigned char>(name.front()))) return std::nullopt;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return std::nullopt;
    return std::string(name);
}

Field make_field(const YAML::Node& node, std::string path, const YAML::Mark& fallback) {
    YAML::Mark mark = node.IsNull() || node.Mark().is_null() ? fallback : node.Mark();
    return Field{node, std::move(path), mark};
}

}  // namespace

std::optional<std::string> read_string(const Field& field, Diagnostics& diag) {
    return scalar(field, "a string", "write \"\" for an empty value", diag);
}

std::optional<bool> read_bool(const Field& field, Diagnostics& diag) {
    auto text = scalar(field, "true or false", "", diag);
    if (!text) return std::nullopt;
    std::string word = lowercase(*text);
    if (word == "true" || word == "yes" || word == "on") return true;
    if (word == "false" || word == "no" || word == "off") return false;
    diag.error(field.mark, field.path, "expected true or false, got " + quoted(*text));
    return std::nullopt;
}

std::optional<int> read_int(const Field& field, int min, int max, Diagnostics& diag) {
    std::string expected =
        "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    auto text = scalar(field, expected, "", diag);
    if (!text) return std::nullopt;
    int value = 0;
    const char* end = text->data() + text->size();
    auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (ec != std::errc{} || ptr != end || value < min || value > max) {
        diag.error(field.mark, field.path, "expected " + expected + ", got " + quoted(*text));
        return std::nullopt;
    }
    return value;
}

std::optional<core::Cadence> read_cadence(const Field& field, Diagnostics& diag) {
    constexpr std::string_view kExpected = "a duration like 15m, 2h or off";
    auto text = scalar(field, kExpected, "", diag);
    if (!text) return std::nullopt;
    if (auto cadence = core::parse_cadence(*text)) return *cadence;
    diag.error(field.mark, field.path,
               "expected " + std::string(kExpected) + ", got " + quoted(*text));
    return std::nullopt;
}

std::optional<std::string> read_choice(const Field& field, const std::vector<std::string>& allowed,
                                       Diagnostics& diag) {
    auto text = scalar(field, one_of(allowed), "", diag);
    if (!text) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), *text) != allowed.end()) return text;
    diag.error(field.mark, field.path, not_one_of(*text, allowed));
    return std::nullopt;
}

std::optional<Secret> read_secret(const Field& field, const Environment& env, Diagnostics& diag) {
    constexpr std::string_view kExpected = "\"${NAME}\" naming an environment variable";
    auto text = scalar(field, kExpected, "write \"\" for no secret", diag);
    if (!text) return std::nullopt;
    if (text->empty()) return Secret{};
    if (auto name = env_reference(*text)) return Secret::from_environment(*name, env);
    // The text may be the secret itself: say what is wrong without repeating it.
    diag.error(
        field.mark, field.path,
        "expected " + std::string(kExpected) + "; secrets are never written in the config file");
    return std::nullopt;
}

std::optional<std::vector<Field>> read_list(const Field& field, Diagnostics& diag) {
    if (field.node.IsNull()) return std::vector<Field>{};
    if (!field.node.IsSequence()) {
        diag.error(field.mark, field.path, "expected a list, got " + describe(field.node));
        return std::nullopt;
    }
    std::vector<Field> items;
    std::size_t index = 0;
    for (YAML::Node node : field.node) {
        items.push_back(make_field(node, item_path(field.path, index++), field.mark));
        diag.sources().record(items.back().path, items.back().mark);
    }
    return items;
}

std::optional<std::vector<std::string>> read_string_list(const Field& field, Diagnostics& diag) {
    auto items = read_list(field, diag);
    if (!items) return std::nullopt;
    std::vector<std::string> values;
    for (const Field& item : *items)
        if (auto text = read_string(item, diag)) values.push_back(std::move(*text));
    return values;
}

MapReader::MapReader(const Field& map, Diagnostics& diag) : map_(map), diag_(diag) {
    if (map.node.IsNull()) return;
    if (!map.node.IsMap()) {
        diag.error(map.mark, map.path, "expected a map, got " + describe(map.node));
        valid_ = false;
        return;
    }
    for (auto it = map.node.begin(); it != map.node.end(); ++it) {
        // it-> yields a temporary pair: copy the handles out of it.
        YAML::Node key = it->first;
        YAML::Node value_node = it->second;
        if (!key.IsScalar()) {
            diag.error(key.Mark(), map.path, "a key must be a plain name, got " + describe(key));
            continue;
        }
        std::string path = child_path(map.path, key.Scalar());
        auto same = [&](const Entry& e) { return e.key == key.Scalar(); };
        if (std::any_of(entries_.begin(), entries_.end(), same)) {
            diag.error(key.Mark(), path, "duplicate key; first given at " + diag.line_of(path));
            continue;
        }
        Field value = make_field(value_node, path, key.Mark());
        diag.sources().record(path, value.mark);
        entries_.push_back(Entry{key.Scalar(), key.Mark(), std::move(value)});
    }
}

std::optional<Field> MapReader::field(std::string_view key) {
    known_.emplace_back(key);
    for (auto& entry : entries_) {
        if (entry.key != key) continue;
        entry.used = true;
        return entry.value;
    }
    return std::nullopt;
}

std::optional<Field> MapReader::required(std::string_view key, std::string_view expected) {
    auto found = field(key);
    if (!found && valid_)
        diag_.error(map_.mark, child_path(map_.path, key),
                    "missing key '" + std::string(key) + "' (" + std::string(expected) + ")");
    return found;
}

void MapReader::finish() {
    for (const auto& entry : entries_) {
        if (entry.used) continue;
        std::string known;
        for (const auto& k : known_) known += (known.empty() ? "" : ", ") + k;
        diag_.error(entry.key_mark, entry.value.path,
                    "unknown key" + suggestion(entry.key, known_) + "; the keys here are " + known);
    }
}

}  // namespace firebreak::config::detail
