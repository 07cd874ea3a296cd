#pragma once
// Edit distance, for "did you mean" suggestions on mistyped commands and config keys.

#include <cstddef>
#include <string_view>

namespace firebreak::core {

/// Levenshtein distance between `a` and `b`, counting bytes and ignoring ASCII case.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace firebreak::core
