#pragma once
// The timeline queries whose cost must not grow with the timeline, named so that a test can
// ask SQLite how it runs them (EXPLAIN QUERY PLAN). Private to the store.

#include <string>

namespace firebreak::store::timeline_queries {

/// An incident's stakeholders_notified events, in order, through their partial index
/// (migration 0007: the kind is spelled as in the index). Parameter: incident id.
extern const std::string kStakeholderNotices;

}  // namespace firebreak::store::timeline_queries
