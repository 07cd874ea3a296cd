#pragma once
// Decoding what clients send the fake platform APIs: percent-encoded paths and
// application/x-www-form-urlencoded bodies.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace firebreak::fakes {

/// %XX becomes its byte (a malformed escape is kept as written); with `plus_is_space`
/// (form bodies) '+' is a space.
std::string url_decode(std::string_view text, bool plus_is_space);

/// A form body's fields as a JSON object of strings; an empty pair is skipped.
nlohmann::json form_fields(std::string_view body);

}  // namespace firebreak::fakes
