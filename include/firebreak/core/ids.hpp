#pragma once
// The shape of ids that come from outside: checked, never trusted for more than their shape.

#include <string_view>

namespace firebreak::core {

/// "8-4-4-4-12" hex digits, either case: a Microsoft Entra object id, tenant id, app id or
/// team group id.
bool is_guid(std::string_view text);

}  // namespace firebreak::core
