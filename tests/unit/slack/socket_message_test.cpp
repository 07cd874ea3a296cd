#include "firebreak/slack/socket_message.hpp"

#include <catch2/catch.hpp>

using namespace firebreak;
using namespace firebreak::slack;
using nlohmann::json;

namespace {

const core::Timestamp kNow{core::Duration{1'795'341'600}};

SocketMessage parsed(const std::string& text) {
    auto result = parse_socket_message(text);
    REQUIRE(std::holds_alternative<SocketMessage>(result));
    return std::get<SocketMessage>(result);
}

}  // namespace

TEST_CASE("hello, disconnect and envelopes are told apart") {
    auto hello = parsed(R"({"type":"hello","num_connections":2,"debug_info":{"host":"h1"}})");
    REQUIRE(std::holds_alternative<SocketHello>(hello));
    CHECK(std::get<SocketHello>(hello).num_connections == 2);
    CHECK(std::get<SocketHello>(hello).host == "h1");
    auto bye = parsed(R"({"type":"disconnect","reason":"refresh_requested"})");
    REQUIRE(std::holds_alternative<SocketDisconnect>(bye));
    CHECK(std::get<SocketDisconnect>(bye).reason == "refresh_requested");
    auto env = parsed(
        R"({"envelope_id":"e1","type":"events_api","payload":{},"accepts_response_payload":true,"retry_attempt":2,"retry_reason":"timeout"})");
    REQUIRE(std::holds_alternative<SocketEnvelope>(env));
    const auto& e = std::get<SocketEnvelope>(env);
    CHECK(e.envelope_id == "e1");
    CHECK(e.accepts_response_payload);
    CHECK(e.retry_attempt == 2);
    CHECK(e.retry_reason == "timeout");
    CHECK(std::holds_alternative<SocketOther>(parsed(R"({"type":"mystery"})")));
}

TEST_CASE("malformed messages are refused with a reason") {
    for (const char* text : {"", "{", "[]", "42", R"({"envelope_id":"e1","payload":"x"})"}) {
        auto result = parse_socket_message(text);
        INFO(text);
        REQUIRE(std::holds_alternative<std::string>(result));
        CHECK_FALSE(std::get<std::string>(result).empty());
    }
    auto deep = parse_socket_message(std::string(1000, '[') + std::string(1000, ']'));
    REQUIRE(std::holds_alternative<std::string>(deep));
    CHECK(std::get<std::string>(deep).find("64") != std::string::npos);
}

TEST_CASE("a slash_commands envelope decodes as the HTTP form body does") {
    SocketEnvelope e;
    e.envelope_id = "e1";
    e.type = "slash_commands";
    e.payload = {{"team_id", "T1"},    {"channel_id", "C1"},
                 {"user_id", "U1"},    {"text", "note a &lt;b&gt;"},
                 {"trigger_id", "TR"}, {"is_enterprise_install", false}};
    FormFields fields{{"team_id", "T1"},
                      {"channel_id", "C1"},
                      {"user_id", "U1"},
                      {"text", "note a &lt;b&gt;"},
                      {"trigger_id", "TR"}};
    Decoded over_socket = decode_envelope(e, "pushpin", kNow);
    Decoded over_http = decode_command(fields, kNow);
    REQUIRE(over_socket.inbounds.size() == 1);
    REQUIRE(over_http.inbounds.size() == 1);
    CHECK(over_socket.inbounds[0].dedupe_key == "trigger:TR");
    CHECK(over_socket.inbounds[0].dedupe_key == over_http.inbounds[0].dedupe_key);
    CHECK(std::get<app::TypedCommand>(over_socket.inbounds[0].body).text == "note a <b>");
    CHECK(over_socket.shape == AnswerShape::command_reply);
}

TEST_CASE("an unknown envelope type is a refusal; the ack carries the payload only if set") {
    SocketEnvelope e;
    e.envelope_id = "e9";
    e.type = "brand_new";
    CHECK(decode_envelope(e, "pushpin", kNow).refusal);
    CHECK(json::parse(socket_ack("e9", std::nullopt)) == json{{"envelope_id", "e9"}});
    CHECK(json::parse(socket_ack("e9", json{{"text", "hi"}})) ==
          json{{"envelope_id", "e9"}, {"payload", {{"text", "hi"}}}});
}
