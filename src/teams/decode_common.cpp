// What the activity decoders share: JSON members, the conversation rule, the Inbound.
#include <cctype>

#include "decode_detail.hpp"
#include "firebreak/core/ids.hpp"

namespace firebreak::teams {

bool is_entra_id(std::string_view text) {
    return core::is_guid(text);
}

namespace detail {

using nlohmann::json;

const json* member(const json& j, const char* key) {
    if (!j.is_object()) return nullptr;
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return nullptr;
    return &*it;
}

std::string string_at(const json& j, const char* key) {
    const json* m = member(j, key);
    return m && m->is_string() ? m->get<std::string>() : std::string();
}

std::string string_at(const json& j, const char* a, const char* b) {
    const json* m = member(j, a);
    return m ? string_at(*m, b) : std::string();
}

std::string conversation_of(const Activity& activity, const DecodeSettings& settings) {
    const std::string& id = activity.conversation_id;
    if (activity.conversation_type != "channel" || settings.thread_per_incident) return id;
    return id.substr(0, id.find(";messageid="));
}

app::Inbound inbound_for(const Context& c) {
    const Activity& a = c.out.activity;
    app::Inbound in;
    in.platform = "teams";
    in.workspace = a.tenant_id;
    in.conversation = conversation_of(a, c.settings);
    in.user = a.from_aad_id;
    in.received_at = c.now;
    // Teams resends an activity it got no answer to with the same id.
    in.dedupe_key = "activity:" + a.id;
    // Where a form card is posted: the thread the person typed in, as it is.
    in.form_token = a.conversation_id;
    return in;
}

namespace {

/// The digits of text[at, at + n) as a number; -1 when any is not a digit.
int digits(std::string_view text, std::size_t at, std::size_t n) {
    if (at + n > text.size()) return -1;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (text[i] < '0' || text[i] > '9') return -1;
        v = v * 10 + (text[i] - '0');
    }
    return v;
}

}  // namespace

std::optional<core::Timestamp> parse_iso8601(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)
    if (text.size() < 20) return std::nullopt;
    auto date = core::parse_date(text.substr(0, 10));
    if (!date || (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':')
        return std::nullopt;
    int h = digits(text, 11, 2), m = digits(text, 14, 2), s = digits(text, 17, 2);
    if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 60) return std::nullopt;
    std::size_t at = 19;
    if (at < text.size() && text[at] == '.') {
        ++at;
        std::size_t start = at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
        if (at == start) return std::nullopt;
    }
    std::string_view zone = text.substr(at);
    int offset = 0;
    if (zone == "Z" || zone == "z") {
        offset = 0;
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
        int oh = digits(zone, 1, 2), om = digits(zone, 4, 2);
        if (oh < 0 || oh > 23 || om < 0 || om > 59) return std::nullopt;
        offset = (oh * 60 + om) * 60 * (zone[0] == '-' ? -1 : 1);
    } else {
        return std::nullopt;
    }
    auto day = std::chrono::sys_days(*date);
    return core::Timestamp{std::chrono::duration_cast<core::Duration>(day.time_since_epoch())} +
           core::Duration{h * 3600 + m * 60 + s - offset};
}

}  // namespace detail
}  // namespace firebreak::teams
