// Transaction: keys of platform requests already handled, kept until they expire.
#include "connection.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::store {

bool Transaction::remember(const std::string& key, core::Timestamp now,
                           core::Timestamp expires_at) {
    // An expired key counts as new: replace it.
    Statement& s = connection_->prepare(
        "INSERT INTO dedupe_keys(key, seen_at, expires_at) VALUES (?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET seen_at = excluded.seen_at, "
        "expires_at = excluded.expires_at WHERE dedupe_keys.expires_at <= excluded.seen_at");
    s.bind(1, key).bind(2, now).bind(3, expires_at);
    s.run();
    return connection_->changes() == 1;
}

bool Transaction::remembered(const std::string& key, core::Timestamp now) {
    Statement& s =
        connection_->prepare("SELECT 1 FROM dedupe_keys WHERE key = ? AND expires_at > ?");
    s.bind(1, key).bind(2, now);
    bool found = s.step();
    s.reset();
    return found;
}

int Transaction::forget_expired(core::Timestamp now) {
    Statement& s = connection_->prepare("DELETE FROM dedupe_keys WHERE expires_at <= ?");
    s.bind(1, now);
    s.run();
    return connection_->changes();
}

}  // namespace firebreak::store
