#include "firebreak/core/review.hpp"

#include <algorithm>
#include <string>

namespace firebreak::core {

bool is_review_material(EventKind kind) {
    return std::find(kReviewKinds.begin(), kReviewKinds.end(), kind) != kReviewKinds.end();
}

std::string_view review_label(EventKind kind) {
    switch (kind) {
        case EventKind::impact_recorded:
            return "Impact";
        case EventKind::root_cause_recorded:
            return "Root cause";
        case EventKind::contributing_factor_recorded:
            return "Contributing factor";
        case EventKind::went_well_recorded:
            return "Went well";
        case EventKind::went_badly_recorded:
            return "Did not go well";
        default:
            return "";
    }
}

std::string_view review_text(const TimelineEvent& event) {
    std::string_view text = event.text;
    const std::string prefix = std::string(review_label(event.kind)) + ": ";
    if (prefix.size() > 2 && text.starts_with(prefix)) text.remove_prefix(prefix.size());
    return text;
}

}  // namespace firebreak::core
