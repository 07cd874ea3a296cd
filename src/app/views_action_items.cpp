// `/incident actions`: the follow-ups and where each stands.
#include "views.hpp"

namespace firebreak::app::views {
namespace {

std::string state_words(const core::ActionItem& item, core::Date today) {
    switch (item.state) {
        case core::ActionState::done:
            return "done";
        case core::ActionState::wont_do:
            return "not doing";
        case core::ActionState::open:
            break;
    }
    return std::chrono::sys_days{item.due} < std::chrono::sys_days{today} ? "open, *overdue*"
                                                                          : "open";
}

}  // namespace

chat::Message action_items(const core::Incident& incident,
                           const std::vector<core::ActionItem>& items, core::Date today) {
    chat::Message m;
    if (items.empty()) {
        m.text = incident.name + " has no action items yet. Add one with /incident action.";
        return m;
    }
    m.text = "*Action items of " + incident.name + "*";
    for (const auto& item : items) {
        m.text += "\n#" + std::to_string(item.number) + " " + item.text + " — " +
                  core::mention(item.owner) + ", due " + core::format_date(item.due) + ", " +
                  std::string(core::to_string(item.priority)) + ", " + state_words(item, today);
        if (item.state == core::ActionState::open)
            m.buttons.push_back({"Done #" + std::to_string(item.number),
                                 "done " + std::to_string(item.number), chat::ButtonStyle::normal});
    }
    return m;
}

}  // namespace firebreak::app::views
