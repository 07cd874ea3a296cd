#pragma once
// How Teams shows what the front door decided.

#include "firebreak/app/front_door.hpp"

namespace firebreak::teams {

/// Teams answers a message activity with an empty 200 and replies later, so every message
/// of an answer goes through the outbox; a form is posted as a card (an open_form item
/// whose token names the conversation and the person it is for).
app::PlatformProfile platform_profile();

}  // namespace firebreak::teams
