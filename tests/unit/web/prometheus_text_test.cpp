// The test checker itself must reject what Prometheus would reject.
#include "support/prometheus_text.hpp"

#include <catch2/catch.hpp>

using firebreak::testing::parse_prometheus_text;

TEST_CASE("the checker accepts a well-formed exposition") {
    const auto e = parse_prometheus_text(
        "# HELP a_total A counter.\n# TYPE a_total counter\na_total{x=\"q\\\"\\\\\\n\"} 3\n"
        "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 4.5\n"
        "h_count 2\n");
    CHECK(e.errors.empty());
    CHECK(e.value("a_total", {{"x", "q\"\\\n"}}) == 3);
}

TEST_CASE("the checker rejects malformed lines and inconsistent histograms") {
    auto errors = [](const char* text) { return parse_prometheus_text(text).errors.size(); };
    CHECK(errors("a 1\n") == 1);                               // no TYPE
    CHECK(errors("# TYPE a counter\na{x=\"1} 1\n") == 1);      // unterminated label
    CHECK(errors("# TYPE a counter\na{x=\"\\t\"} 1\n") == 1);  // unknown escape
    CHECK(errors("# TYPE a counter\na one\n") == 1);           // bad value
    CHECK(errors("# TYPE a counter\na 1") == 1);               // no final newline
    CHECK(errors("# TYPE a counter\na 1\na 2\n") == 1);        // duplicate
    CHECK(errors("# TYPE a thing\n") == 1);                    // bad type
    CHECK(errors("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n"
                 "h_sum 1\nh_count 1\n") == 1);  // not cumulative
    CHECK(errors("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\n"
                 "h_sum 1\nh_count 2\n") == 1);  // +Inf != count
    CHECK(errors("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n") == 1);
}
