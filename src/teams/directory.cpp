#include "firebreak/teams/directory.hpp"

namespace firebreak::teams {
namespace {

std::string_view channel_part(std::string_view conversation) {
    std::size_t at = conversation.find(";messageid=");
    return at == std::string_view::npos ? conversation : conversation.substr(0, at);
}

}  // namespace

void Directory::touch(Entry& entry) const {
    ages_.splice(ages_.begin(), ages_, entry.age);
}

void Directory::evict() {
    while (people_.size() > capacity_ && !ages_.empty()) {
        auto it = people_.find(ages_.back());
        if (it != people_.end()) {
            if (!it->second.person.member_id.empty()) by_member_.erase(it->second.person.member_id);
            people_.erase(it);
        }
        ages_.pop_back();
    }
    while (service_urls_.size() > capacity_) service_urls_.erase(service_urls_.begin());
    while (channels_.size() > capacity_) channels_.erase(channels_.begin());
}

void Directory::remember(const Person& person) {
    if (person.aad_id.empty()) return;
    std::lock_guard lock(mutex_);
    auto it = people_.find(person.aad_id);
    if (it == people_.end()) {
        ages_.push_front(person.aad_id);
        it = people_.emplace(person.aad_id, Entry{Person{person.aad_id, "", ""}, ages_.begin()})
                 .first;
    } else {
        touch(it->second);
    }
    Person& known = it->second.person;
    if (!person.name.empty()) known.name = person.name;
    if (!person.member_id.empty() && person.member_id != known.member_id) {
        if (!known.member_id.empty()) by_member_.erase(known.member_id);
        known.member_id = person.member_id;
        by_member_[known.member_id] = known.aad_id;
    }
    evict();
}

std::optional<Person> Directory::by_aad_id(std::string_view aad_id) const {
    std::lock_guard lock(mutex_);
    auto it = people_.find(std::string(aad_id));
    if (it == people_.end()) return std::nullopt;
    return it->second.person;
}

std::optional<Person> Directory::by_member_id(std::string_view member_id) const {
    std::lock_guard lock(mutex_);
    auto m = by_member_.find(std::string(member_id));
    if (m == by_member_.end()) return std::nullopt;
    auto it = people_.find(m->second);
    if (it == people_.end()) return std::nullopt;
    return it->second.person;
}

std::string Directory::name_of(std::string_view aad_id, std::string_view fallback) const {
    auto person = by_aad_id(aad_id);
    return person && !person->name.empty() ? person->name : std::string(fallback);
}

void Directory::remember_service_url(std::string_view conversation, std::string_view service_url) {
    if (service_url.empty()) return;
    std::lock_guard lock(mutex_);
    if (!conversation.empty())
        service_urls_[std::string(channel_part(conversation))] = std::string(service_url);
    last_service_url_ = std::string(service_url);
    evict();
}

std::string Directory::service_url_of(std::string_view conversation,
                                      std::string_view fallback) const {
    std::lock_guard lock(mutex_);
    auto it = service_urls_.find(std::string(channel_part(conversation)));
    if (it != service_urls_.end()) return it->second;
    return last_service_url_.empty() ? std::string(fallback) : last_service_url_;
}

void Directory::remember_channel(std::string_view conversation, std::string_view name,
                                 std::string_view web_url) {
    if (conversation.empty() || name.empty()) return;
    std::lock_guard lock(mutex_);
    channels_[std::string(conversation)] = ChannelInfo{std::string(name), std::string(web_url)};
    evict();
}

std::optional<ChannelInfo> Directory::channel(std::string_view conversation) const {
    std::lock_guard lock(mutex_);
    auto it = channels_.find(std::string(conversation));
    if (it == channels_.end()) return std::nullopt;
    return it->second;
}

}  // namespace firebreak::teams
