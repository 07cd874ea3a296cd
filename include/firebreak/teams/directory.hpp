#pragma once
// What firebreak has learned about the people and conversations it met in Teams, in
// memory: a person's Entra (AAD) object id, which is the user id everywhere in firebreak
// (`<@aad-object-id>`), their Bot Framework member id ("29:…") and display name, and the
// serviceUrl each conversation's activities came from. Filled by the endpoint from every
// activity; read by the renderer (mentions need a name) and the deliverer (calls need a
// serviceUrl). Safe from several threads at once.

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace firebreak::teams {

struct Person {
    std::string aad_id;     ///< the Entra object id: firebreak's user id for them
    std::string member_id;  ///< "29:…", the Bot Framework's id for them ("" when unknown)
    std::string name;       ///< display name ("" when unknown)
};

/// An incident conversation firebreak made: what to call it and where it opens.
struct ChannelInfo {
    std::string name;     ///< the channel's display name (or the thread's incident name)
    std::string web_url;  ///< Graph's webUrl for it; "" when unknown
};

class Directory {
  public:
    /// Remembers at most `capacity` people and as many conversations; the least recently
    /// seen are forgotten first.
    explicit Directory(std::size_t capacity = 20000) : capacity_(capacity) {}

    /// Records what an activity said about someone. Empty fields never overwrite known ones.
    void remember(const Person& person);
    std::optional<Person> by_aad_id(std::string_view aad_id) const;
    std::optional<Person> by_member_id(std::string_view member_id) const;
    /// The display name, or `fallback` when the person is unknown or has none.
    std::string name_of(std::string_view aad_id, std::string_view fallback = "someone") const;

    /// Records the serviceUrl an activity in `conversation` came from; "" is ignored.
    void remember_service_url(std::string_view conversation, std::string_view service_url);
    /// The serviceUrl of `conversation` (the part before ";messageid=" also matches), else
    /// the last one seen from any conversation, else `fallback`.
    std::string service_url_of(std::string_view conversation, std::string_view fallback) const;

    /// Records the name (and link) of a channel or thread firebreak created, so a reference
    /// to it reads as "#name" rather than its id.
    void remember_channel(std::string_view conversation, std::string_view name,
                          std::string_view web_url);
    std::optional<ChannelInfo> channel(std::string_view conversation) const;

  private:
    struct Entry {
        Person person;
        std::list<std::string>::iterator age;
    };
    void touch(Entry& entry) const;
    void evict();

    std::size_t capacity_;
    mutable std::mutex mutex_;
    mutable std::list<std::string> ages_;  ///< aad ids, most recently seen first
    std::unordered_map<std::string, Entry> people_;
    std::unordered_map<std::string, std::string> by_member_;  ///< member id → aad id
    std::unordered_map<std::string, std::string> service_urls_;
    std::unordered_map<std::string, ChannelInfo> channels_;
    std::string last_service_url_;
};

}  // namespace firebreak::teams
