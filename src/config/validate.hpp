#pragma once
// Checks that span more than one value, run once parsing is done.

#include "diagnostics.hpp"
#include "firebreak/config/config.hpp"

namespace firebreak::config::detail {

/// Runs every check in validate.cpp's table against `config` and reports through `diag`,
/// using the positions recorded while parsing. Values that already failed to parse are
/// skipped rather than reported twice. New checks are added to that one table.
void validate(const Config& config, Diagnostics& diag);

}  // namespace firebreak::config::detail
