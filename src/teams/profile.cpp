#include "firebreak/teams/profile.hpp"

namespace firebreak::teams {

app::PlatformProfile platform_profile() {
    app::PlatformProfile profile;
    profile.name = "teams";
    // A message activity's HTTP answer carries nothing the client shows: queue them all.
    profile.fits_in_answer = [](const std::vector<chat::Message>&) { return std::size_t{0}; };
    profile.answers_buttons = false;
    profile.forms = app::PlatformProfile::Forms::queued;
    return profile;
}

}  // namespace firebreak::teams
