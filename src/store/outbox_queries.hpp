#pragma once
// The outbox queries whose cost must not grow with the backlog, named so that a test can
// ask SQLite how it runs them (EXPLAIN QUERY PLAN). Private to the store.

#include <string>

namespace firebreak::store::outbox_queries {

/// The heads of a platform's lanes, oldest first, after a head id. Parameters: platform,
/// after, limit.
extern const std::string kPendingHeads;

/// The heads of a platform's lanes that are urgent items. Parameters: platform, limit.
extern const std::string kUrgentHeads;

/// The first pending item of a lane: its head. Parameters: platform, lane.
extern const std::string kLaneHead;

}  // namespace firebreak::store::outbox_queries
