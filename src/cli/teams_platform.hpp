#pragma once
// Teams for `serve` (built only when the config turns it on).

#include <memory>

#include "platforms.hpp"

namespace firebreak::cli {

std::unique_ptr<RunningPlatform> start_teams(const PlatformWiring& wiring);

}  // namespace firebreak::cli
