// Transaction: keys of platform requests already handled, kept until they expire.
#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::store {

bool Transaction::remember(std::string_view platform, const std::string& key, core::Timestamp now,
                           core::Timestamp expires_at) {
    // An expired key counts as new: replace it.
    Statement& s = connection_->prepare(
        "INSERT INTO dedupe_keys(platform, key, seen_at, expires_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(platform, key) DO UPDATE SET seen_at = excluded.seen_at, "
        "expires_at = excluded.expires_at WHERE dedupe_keys.expires_at <= excluded.seen_at");
    s.bind(1, std::string(platform)).bind(2, key).bind(3, now).bind(4, expires_at);
    s.run();
    return connection_->changes() == 1;
}

bool Transaction::remembered(std::string_view platform, const std::string& key,
                             core::Timestamp now) {
    Statement& s = connection_->prepare(
        "SELECT 1 FROM dedupe_keys WHERE platform = ? AND key = ? AND expires_at > ?");
    s.bind(1, std::string(platform)).bind(2, key).bind(3, now);
    bool found = s.step();
    s.reset();
    return found;
}

int Transaction::forget_expired(core::Timestamp now, int limit) {
    // The subquery walks dedupe_keys_by_expiry from the oldest expiry and stops at
    // `limit`: the batch costs the same however many keys have expired. (The table has no
    // rowid: its rows are found by their primary key.)
    Statement& s = connection_->prepare(
        "DELETE FROM dedupe_keys WHERE (platform, key) IN (SELECT platform, key FROM "
        "dedupe_keys WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)");
    s.bind(1, now).bind(2, std::int64_t{limit});
    s.run();
    return connection_->changes();
}

}  // namespace firebreak::store
