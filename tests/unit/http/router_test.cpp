#include "firebreak/http/router.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <vector>

using namespace firebreak::http;

namespace {

Request request(Verb verb, std::string target) {
    return Request{verb, std::move(target), 11};
}

Router hello_router() {
    Router router;
    router.add(Verb::get, "/hello", [](const Request&) { return text_response(Status::ok, "hi"); });
    router.add(Verb::post, "/hello",
               [](const Request& r) { return text_response(Status::created, r.body()); });
    return router;
}

}  // namespace

TEST_CASE("the router calls the handler registered for the method and exact path") {
    const Router router = hello_router();
    const Response got = router.route(request(Verb::get, "/hello"));
    CHECK(got.result() == Status::ok);
    CHECK(got.body() == "hi");
    CHECK(router.route(request(Verb::post, "/hello")).result() == Status::created);
}

TEST_CASE("the router matches the path without its query string") {
    CHECK(hello_router().route(request(Verb::get, "/hello?verbose=1")).result() == Status::ok);
}

TEST_CASE("an unknown path is 404, and prefixes do not match") {
    const Router router = hello_router();
    CHECK(router.route(request(Verb::get, "/nope")).result() == Status::not_found);
    CHECK(router.route(request(Verb::get, "/hello/more")).result() == Status::not_found);
    CHECK(router.route(request(Verb::get, "/hell")).result() == Status::not_found);
}

TEST_CASE("a known path with another method is 405 listing the allowed methods") {
    const Response got = hello_router().route(request(Verb::delete_, "/hello"));
    CHECK(got.result() == Status::method_not_allowed);
    CHECK(got[Field::allow] == "GET, POST");
}

TEST_CASE("a handler that throws becomes a 500 with a generic body") {
    Router router;
    router.add(Verb::get, "/boom",
               [](const Request&) -> Response { throw std::runtime_error("secret detail"); });
    router.add(Verb::get, "/int", [](const Request&) -> Response { throw 42; });
    const Response got = router.route(request(Verb::get, "/boom"));
    CHECK(got.result() == Status::internal_server_error);
    CHECK(got.body().find("secret") == std::string::npos);
    CHECK(router.route(request(Verb::get, "/int")).result() == Status::internal_server_error);
}

TEST_CASE("registering the same method and path twice is an error") {
    Router router = hello_router();
    CHECK_THROWS_AS(router.add(Verb::get, "/hello",
                               [](const Request&) { return text_response(Status::ok, ""); }),
                    std::invalid_argument);
}

TEST_CASE("response builders set the content type and length") {
    const Response json = json_response(Status::ok, R"({"a":1})");
    CHECK(json[Field::content_type] == "application/json");
    CHECK(json[Field::content_length] == "7");
    CHECK(text_response(Status::ok, "x")[Field::content_type] == "text/plain; charset=utf-8");
}

TEST_CASE("the observer hears every request with its matched route and status") {
    Router router = hello_router();
    std::vector<std::string> seen;
    router.set_observer([&](const Request&, std::string_view route, Status status,
                            std::chrono::nanoseconds elapsed) {
        CHECK(elapsed.count() >= 0);
        seen.push_back(std::string(route) + " " + std::to_string(static_cast<int>(status)));
    });
    (void)router.route(request(Verb::get, "/hello?x=1"));
    (void)router.route(request(Verb::put, "/hello"));
    (void)router.route(request(Verb::get, "/secret/123"));
    CHECK(seen == std::vector<std::string>{"/hello 200", "/hello 405", "unmatched 404"});
}

TEST_CASE("an observer that throws does not cost the request its answer") {
    Router router = hello_router();
    router.set_observer([](const Request&, std::string_view, Status, std::chrono::nanoseconds) {
        throw std::runtime_error("metrics down");
    });
    CHECK(router.route(request(Verb::get, "/hello")).body() == "hi");
}

TEST_CASE("a staged route runs its stage in prepare() and its rest in finish()") {
    Router router;
    std::vector<std::string> calls;
    router.add_staged(Verb::post, "/staged", [&calls](const Request& r) {
        calls.push_back("stage");
        if (r.body() == "forged") return answered(text_response(Status::unauthorized, "no\n"));
        return deferred([&calls, decoded = r.body() + "!"](const Request&) {
            calls.push_back("rest");
            return text_response(Status::ok, decoded);
        });
    });

    Router::Prepared prepared = router.prepare(request(Verb::post, "/staged"));
    CHECK_FALSE(prepared.answered());
    CHECK(calls == std::vector<std::string>{"stage"});
    Request kept = request(Verb::post, "/staged");
    const Router::Routed routed = router.finish(kept, std::move(prepared));
    CHECK(calls == std::vector<std::string>{"stage", "rest"});
    CHECK(routed.response.result() == Status::ok);
    CHECK(routed.response.body() == "!");
    CHECK(routed.route == "/staged");

    // Answered by the stage: the rest never runs.
    calls.clear();
    Request forged = request(Verb::post, "/staged");
    forged.body() = "forged";
    Router::Prepared refused = router.prepare(forged);
    CHECK(refused.answered());
    CHECK(refused.routed.response.result() == Status::unauthorized);
    CHECK(router.finish(forged, std::move(refused)).response.result() == Status::unauthorized);
    CHECK(calls == std::vector<std::string>{"stage"});
}

TEST_CASE("prepare() answers unknown paths and methods, and leaves a plain handler whole") {
    Router router = hello_router();
    CHECK(router.prepare(request(Verb::get, "/nope")).routed.response.result() ==
          Status::not_found);
    const Router::Prepared wrong = router.prepare(request(Verb::delete_, "/hello"));
    CHECK(wrong.answered());
    CHECK(wrong.routed.response.result() == Status::method_not_allowed);

    int runs = 0;
    router.add(Verb::put, "/counted", [&runs](const Request&) {
        ++runs;
        return text_response(Status::ok, "");
    });
    Router::Prepared plain = router.prepare(request(Verb::put, "/counted"));
    CHECK_FALSE(plain.answered());
    CHECK(runs == 0);  // a plain handler runs only where finish() does
    (void)router.finish(request(Verb::put, "/counted"), std::move(plain));
    CHECK(runs == 1);
}

TEST_CASE("a stage or a rest that throws costs its request a 500") {
    Router router;
    router.add_staged(Verb::post, "/stage-throws",
                      [](const Request&) -> Staged { throw std::runtime_error("decoder bug"); });
    router.add_staged(Verb::post, "/rest-throws", [](const Request&) {
        return deferred([](const Request&) -> Response { throw std::runtime_error("store bug"); });
    });
    router.add_staged(Verb::post, "/nothing", [](const Request&) { return Staged{}; });
    CHECK(router.route(request(Verb::post, "/stage-throws")).result() ==
          Status::internal_server_error);
    CHECK(router.route(request(Verb::post, "/rest-throws")).result() ==
          Status::internal_server_error);
    CHECK(router.route(request(Verb::post, "/nothing")).result() == Status::internal_server_error);
    CHECK_THROWS_AS(router.add(Verb::post, "/nothing",
                               [](const Request&) { return text_response(Status::ok, ""); }),
                    std::invalid_argument);
}
