// The status page's updates as an Atom feed (RFC 4287), newest first: what feed readers
// and chat "RSS" integrations subscribe to.
#include <algorithm>

#include "status_model.hpp"

namespace firebreak::web::detail {
namespace {

constexpr std::size_t kMaxEntries = 50;

/// An absolute IRI for atom:id: under the public URL when there is one, else a URN.
std::string id_for(const StatusSiteSettings& s, const std::string& path, const std::string& urn) {
    return s.public_url.empty() ? "urn:firebreak:status:" + urn : absolute(s, path);
}

}  // namespace

std::string atom_feed(const PageModel& m) {
    const StatusSiteSettings& s = *m.settings;
    struct Entry {
        const core::PublishedIncident* incident;
        const core::PublicUpdate* update;
    };
    std::vector<Entry> entries;
    for (const auto* inc : m.incidents)
        for (const auto& u : inc->updates) entries.push_back({inc, &u});
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        if (a.update->posted_at != b.update->posted_at)
            return a.update->posted_at > b.update->posted_at;
        return a.update->id > b.update->id;
    });
    if (entries.size() > kMaxEntries) entries.resize(kMaxEntries);

    std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">";
    out += "<id>" + escape(id_for(s, "/status/feed.atom", "feed")) + "</id>";
    out += "<title>" + escape(s.title) + "</title>";
    out += "<updated>" +
           iso(m, entries.empty() ? m.updated_at : entries.front().update->posted_at) +
           "</updated>";
    out += "<author><name>" + escape(s.title) + "</name></author>";
    out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"" +
           escape(absolute(s, "/status/feed.atom")) + "\"/>";
    out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + escape(absolute(s, "/status")) +
           "\"/>";
    for (const auto& e : entries) {
        const auto& face = e.incident->face;
        std::string page = "/status/incidents/" + face.public_id;
        std::string at = iso(m, e.update->posted_at);
        out += "<entry><id>" +
               escape(id_for(s, page + "#update-" + std::to_string(e.update->id),
                             "update:" + face.public_id + "-" + std::to_string(e.update->id))) +
               "</id>";
        std::string status(core::to_string(e.update->status));
        if (!status.empty()) status[0] = static_cast<char>(status[0] - 32);
        out += "<title>" + escape(status + ": " + e.incident->title) + "</title>";
        out += "<updated>" + at + "</updated><published>" + at + "</published>";
        out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + escape(absolute(s, page)) +
               "\"/>";
        out += "<content type=\"text\">" + escape(e.update->body) + "</content></entry>";
    }
    return out + "</feed>\n";
}

}  // namespace firebreak::web::detail
