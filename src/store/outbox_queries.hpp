#pragma once
// The outbox queries whose cost must not grow with the backlog, named so that a test can
// ask SQLite how it runs them (EXPLAIN QUERY PLAN). Private to the store.

#include <string>

namespace firebreak::store::outbox_queries {

/// The heads of a platform's lanes. Parameters: platform, limit.
extern const std::string kPendingHeads;

/// The first pending item of a lane: its head. Parameters: platform, lane.
extern const std::string kLaneHead;

}  // namespace firebreak::store::outbox_queries
