#include "firebreak/core/edit_distance.hpp"

#include <catch2/catch.hpp>

TEST_CASE("edit distance counts insertions, deletions and substitutions") {
    CHECK(firebreak::core::edit_distance("declare", "declare") == 0);
    CHECK(firebreak::core::edit_distance("delcare", "declare") == 2);
    CHECK(firebreak::core::edit_distance("", "abc") == 3);
    CHECK(firebreak::core::edit_distance("ack", "back") == 1);
    CHECK(firebreak::core::edit_distance("SEVRITY", "severity") == 1);  // case is ignored
}
