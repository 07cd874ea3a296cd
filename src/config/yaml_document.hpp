#pragma once
// Reads the one YAML document a config file must hold.

#include <yaml-cpp/node/node.h>

#include <string_view>

namespace firebreak::config::detail {

struct YamlDocuments {
    YAML::Node first;         ///< the first document; Null when there is none
    int count = 0;            ///< documents found, counting stops at 2
    YAML::Mark second_start;  ///< where the second document starts, when count is 2
};

/// Parses `text`. Throws YAML::Exception (with its mark) on a syntax error.
/// Does not use YAML::LoadAll: in yaml-cpp 0.7 it loops forever, allocating, on input such
/// as a lone "," (jbeder/yaml-cpp#1040, fixed upstream in 2024 by PR #1319).
YamlDocuments read_documents(std::string_view text);

}  // namespace firebreak::config::detail
