// Client-credentials tokens and the connector's and Graph's answers sorted into outcomes,
// against FakeTeams on loopback.
#include <catch2/catch.hpp>
#include <thread>

#include "delivery_fixture.hpp"

using namespace firebreak;
using namespace firebreak::teams;
using namespace firebreak::teams::testing;

TEST_CASE("a token is fetched once with the client credentials and cached until 5 min before") {
    DeliveryFixture f;
    auto first = f.bot_tokens.get();
    REQUIRE(first.token);
    auto calls = f.fake.calls(route::token);
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].body["grant_type"] == "client_credentials");
    CHECK(calls[0].body["client_id"] == "bot-app-id");
    CHECK(calls[0].body["client_secret"] == "bot-secret-value");
    CHECK(calls[0].body["scope"] == "https://api.botframework.com/.default");

    f.clock.advance(std::chrono::seconds(3599 - 301));
    CHECK(f.bot_tokens.get().token == first.token);
    CHECK(f.fake.tokens_issued(kBotFrameworkScope) == 1);
    f.clock.advance(std::chrono::seconds(2));  // now within 5 minutes of expiry
    auto second = f.bot_tokens.get();
    REQUIRE(second.token);
    CHECK(second.token != first.token);
    CHECK(f.fake.tokens_issued(kBotFrameworkScope) == 2);
    CHECK(f.bot_tokens.fetches() == 2);
}

TEST_CASE("threads asking at once share one fetch") {
    DeliveryFixture f;
    f.fake.delay(std::chrono::milliseconds(100), route::token);
    std::vector<std::thread> threads;
    std::vector<std::optional<std::string>> tokens(6);
    for (int i = 0; i < 6; ++i)
        threads.emplace_back([&, i] { tokens[i] = f.graph_tokens.get().token; });
    for (auto& t : threads) t.join();
    CHECK(f.fake.tokens_issued(kGraphScope) == 1);
    for (const auto& t : tokens) CHECK(t == tokens[0]);
}

TEST_CASE("refused credentials are a permanent error that names no secret") {
    fakes::FakeTeams fake;
    fakes::ManualClock clock{t0()};
    http::HttpClient client;
    TokenSource tokens({fake.token_url(), "bot-app-id", "wrong-secret", kBotFrameworkScope}, client,
                       clock);
    auto r = tokens.get();
    CHECK_FALSE(r.token);
    CHECK_FALSE(r.transient);
    CHECK(r.error.find("HTTP 401") != std::string::npos);
    CHECK(r.error.find("invalid_client") != std::string::npos);
    CHECK(r.error.find("wrong-secret") == std::string::npos);
    CHECK(r.error.find("oauth2") == std::string::npos);  // the host only, not the path
}

TEST_CASE("a token endpoint that is down is transient, with its Retry-After") {
    DeliveryFixture f;
    f.fake.script(route::token, fakes::TeamsAnswer::rate_limited(7));
    auto r = f.bot_tokens.get();
    CHECK_FALSE(r.token);
    CHECK(r.transient);
    CHECK(r.retry_after == core::Duration(7));
    // And a connector call without a token is a retry, not a failure.
    f.fake.script(route::token, fakes::TeamsAnswer::error(503));
    auto sent = f.connector.send(f.fake.service_url(), "19:x@thread.tacv2", {{"type", "message"}});
    CHECK(sent.kind == ApiResult::Kind::transient);
    CHECK(f.fake.calls(route::send).empty());
}

TEST_CASE("a 401 from the connector refreshes the token once and retries") {
    DeliveryFixture f;
    REQUIRE(
        f.connector.send(f.fake.service_url(), "19:x@thread.tacv2", {{"type", "message"}}).ok());
    f.fake.revoke_tokens();
    auto r = f.connector.send(f.fake.service_url(), "19:x@thread.tacv2", {{"type", "message"}});
    CHECK(r.ok());
    CHECK(f.fake.tokens_issued(kBotFrameworkScope) == 2);
    auto sends = f.fake.calls(route::send);
    REQUIRE(sends.size() == 3);
    CHECK(sends[1].authorization != sends[2].authorization);
    CHECK(sends[2].authorization.starts_with("Bearer token-2"));
}

TEST_CASE("a 401 that persists is an error after one refresh, not a loop") {
    DeliveryFixture f;
    for (int i = 0; i < 3; ++i) f.fake.script(route::send, fakes::TeamsAnswer::error(401));
    auto r = f.connector.send(f.fake.service_url(), "19:x@thread.tacv2", {{"type", "message"}});
    CHECK(r.kind == ApiResult::Kind::error);
    CHECK(f.fake.calls(route::send).size() == 2);
}

TEST_CASE("each service gets a token of its own scope") {
    DeliveryFixture f;
    REQUIRE(f.graph.create_channel(kTeam, "one", "", false, "").ok());
    REQUIRE(
        f.connector.send(f.fake.service_url(), "19:x@thread.tacv2", {{"type", "message"}}).ok());
    CHECK(f.fake.calls(route::create_channel)[0].authorization.ends_with("-graph"));
    CHECK(f.fake.calls(route::send)[0].authorization.ends_with("-bot"));
}

TEST_CASE("answers are sorted: 429, 412, 5xx transient; 413 too large; 403, 404 errors") {
    DeliveryFixture f;
    struct Case {
        fakes::TeamsAnswer answer;
        ApiResult::Kind kind;
    };
    std::vector<Case> cases{
        {fakes::TeamsAnswer::rate_limited(3), ApiResult::Kind::transient},
        {fakes::TeamsAnswer::error(412), ApiResult::Kind::transient},
        {fakes::TeamsAnswer::error(500), ApiResult::Kind::transient},
        {fakes::TeamsAnswer::error(502), ApiResult::Kind::transient},
        {fakes::TeamsAnswer::error(503), ApiResult::Kind::transient},
        {fakes::TeamsAnswer::error(504), ApiResult::Kind::transient},
        {fakes::TeamsAnswer::error(413), ApiResult::Kind::too_large},
        {fakes::TeamsAnswer::error(403), ApiResult::Kind::error},
        {fakes::TeamsAnswer::error(404), ApiResult::Kind::error},
        {fakes::TeamsAnswer::error(400), ApiResult::Kind::error},
    };
    for (const auto& c : cases) {
        f.fake.script(route::send, c.answer);
        auto r = f.connector.send(f.fake.service_url(), "19:x@thread.tacv2", {{"type", "message"}});
        INFO(r.error);
        CHECK(r.kind == c.kind);
        CHECK(r.error.starts_with("connector send: HTTP "));
        CHECK(r.error.find("token-") == std::string::npos);
    }
    f.fake.script(route::send, fakes::TeamsAnswer::rate_limited(3));
    CHECK(f.connector.send(f.fake.service_url(), "19:x", {}).retry_after == core::Duration(3));
}

TEST_CASE("network trouble is transient") {
    fakes::ManualClock clock{t0()};
    http::HttpClient client;
    // A port nothing listens on (the fake's, after it stopped).
    std::string url;
    {
        fakes::FakeTeams fake;
        url = fake.token_url();
    }
    TokenSource tokens({url, "id", "secret", kBotFrameworkScope}, client, clock);
    auto r = tokens.get();
    CHECK_FALSE(r.token);
    CHECK(r.transient);
}

TEST_CASE("conversation ids are percent-encoded in the path") {
    DeliveryFixture f;
    REQUIRE(f.connector
                .reply(f.fake.service_url(), "19:abc@thread.tacv2;messageid=17", "17",
                       {{"type", "message"}})
                .ok());
    auto calls = f.fake.calls(route::reply);
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].path ==
          "/connector/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D17/activities/17");
}
