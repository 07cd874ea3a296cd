#pragma once
// What the incident service tells whoever counts its work (metrics), without depending
// on them. Every method defaults to doing nothing.

#include <string>
#include <string_view>

#include "firebreak/core/time.hpp"

namespace firebreak::app {

struct ServiceObserver {
    virtual ~ServiceObserver() = default;
    /// Once per command: result is "changed", "refused", "usage_error" or "query".
    virtual void command_handled(std::string_view /*result*/) {}
    /// After a declaration committed; `severity` is its id ("sev2").
    virtual void incident_declared(const std::string& /*severity*/) {}
    /// After a reminder fired: how long after its due time.
    virtual void reminder_fired(core::Duration /*lateness*/) {}
};

}  // namespace firebreak::app
