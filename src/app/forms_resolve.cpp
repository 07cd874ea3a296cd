// The resolve form: the resolution criteria, confirmed one by one before resolving.
#include <algorithm>

#include "firebreak/app/forms.hpp"
#include "firebreak/core/playbook.hpp"

namespace firebreak::app::forms {
namespace {

std::string criterion_id(std::size_t i) {
    return "criterion_" + std::to_string(i + 1);
}

}  // namespace

chat::Form resolve_form(const std::vector<std::string>& criteria, bool watch_completed,
                        const std::string& text, const std::string& conversation) {
    chat::Form form;
    form.id = std::string(kResolve);
    form.title = "Resolution criteria";
    form.submit_label = "Resolve";
    form.context[kConversation] = conversation;
    form.context["text"] = text;
    for (std::size_t i = 0; i < criteria.size(); ++i) {
        chat::FormField f;
        f.id = criterion_id(i);
        f.kind = chat::FieldKind::checkbox;
        f.label = criteria[i];
        f.optional = true;
        if (watch_completed && criteria[i] == core::kWatchCriterion) f.initial = "true";
        form.fields.push_back(std::move(f));
    }
    return form;
}

core::cmd::Resolve read_resolve(const std::map<std::string, std::string>& context,
                                const chat::FieldValues& values,
                                const std::vector<std::string>& criteria) {
    core::cmd::Resolve r;
    if (auto it = context.find("text"); it != context.end()) r.text = it->second;
    r.confirmed.emplace();
    for (std::size_t i = 0; i < criteria.size(); ++i) {
        auto it = values.find(criterion_id(i));
        if (it != values.end() && it->second == "true") r.confirmed->push_back(criteria[i]);
    }
    return r;
}

}  // namespace firebreak::app::forms
