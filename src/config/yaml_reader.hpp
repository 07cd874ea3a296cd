#pragma once
// Typed reads from yaml-cpp nodes. Every read that fails records an error at the value's
// file position and key path and returns nullopt, so parsing carries on and all problems
// are reported together.

#include <yaml-cpp/node/node.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.hpp"
#include "firebreak/config/secret.hpp"
#include "firebreak/core/time.hpp"

namespace firebreak::config::detail {

/// A value in the file with its key path and where to point when it is wrong.
struct Field {
    YAML::Node node;
    std::string path;
    YAML::Mark mark;  ///< the value's position, or its key's when the value is empty
};

std::optional<std::string> read_string(const Field& field, Diagnostics& diag);
std::optional<bool> read_bool(const Field& field, Diagnostics& diag);
std::optional<int> read_int(const Field& field, int min, int max, Diagnostics& diag);

/// "90s", "15m", "2h", "3d" or "off".
std::optional<core::Cadence> read_cadence(const Field& field, Diagnostics& diag);

/// One of `allowed`, with a did-you-mean when it is a near miss.
std::optional<std::string> read_choice(const Field& field, const std::vector<std::string>& allowed,
                                       Diagnostics& diag);

/// "${NAME}" looked up in `env`, or "" for no secret. Errors never quote the value.
std::optional<Secret> read_secret(const Field& field, const Environment& env, Diagnostics& diag);

/// The items of a list, each with its indexed path; an empty value is an empty list.
std::optional<std::vector<Field>> read_list(const Field& field, Diagnostics& diag);

/// A list of strings; items that are not strings are reported and left out.
std::optional<std::vector<std::string>> read_string_list(const Field& field, Diagnostics& diag);

/// Reads the keys of one YAML map. Each key the parser asks for becomes known; finish()
/// reports every other key as unknown. An empty value reads as an empty map.
class MapReader {
  public:
    MapReader(const Field& map, Diagnostics& diag);

    /// False when the value is not a map (already reported).
    bool valid() const { return valid_; }

    /// The value under `key`, or nullopt when the key is absent.
    std::optional<Field> field(std::string_view key);

    /// As field(), but a missing key is reported at the map, under the key's path.
    std::optional<Field> required(std::string_view key, std::string_view expected);

    /// Assigns `read_value(field, diag)` to `out` when the key is present and its value valid;
    /// otherwise `out` keeps its default.
    template <class T, class Read>
    void read(std::string_view key, T& out, Read read_value) {
        if (auto f = field(key))
            if (auto value = read_value(*f, diag_)) out = std::move(*value);
    }

    /// Reports the keys nobody asked for, naming the known ones.
    void finish();

  private:
    struct Entry {
        std::string key;
        YAML::Mark key_mark;
        Field value;
        bool used = false;
    };

    Field map_;
    Diagnostics& diag_;
    bool valid_ = true;
    std::vector<Entry> entries_;
    std::vector<std::string> known_;
};

}  // namespace firebreak::config::detail
