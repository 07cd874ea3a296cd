// `firebreak serve` in Socket Mode killed with -9 around an envelope's commit, restarted,
// and the envelope sent again as Slack does: one effect either way.
#include <sqlite3.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "fakes/fake_slack.hpp"
#include "fakes/fake_socket_mode.hpp"
#include "support/loopback_client.hpp"
#include "support/serve_process.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

struct SocketServe {
    firebreak::testing::TempDir dir;
    fakes::FakeSlack fake;
    fakes::FakeSocketMode socket;
    std::string config;
    std::vector<std::pair<std::string, std::string>> env{{"SLACK_APP_TOKEN", "xapp-test-token"},
                                                         {"SLACK_BOT_TOKEN", "xoxb-test-token"}};

    SocketServe() {
        fake.add_channel("CANNOUNCE", "incidents");
        fake.serve_socket_mode([this] { return socket.next_url(); });
        config = dir.file("firebreak.yaml");
        std::ofstream(config) << "server:\n  listen: \"127.0.0.1:0\"\n"
                              << "  admin_listen: \"127.0.0.1:0\"\n"
                              << "storage:\n  sqlite:\n    path: \"" << dir.file("firebreak.db")
                              << "\"\n"
                              << "slack:\n  enabled: true\n  mode: socket\n"
                              << "  app_token: \"${SLACK_APP_TOKEN}\"\n"
                              << "  bot_token: \"${SLACK_BOT_TOKEN}\"\n"
                              << "  api_base_url: \"" << fake.base_url() << "\"\n"
                              << "  announce_channel: CANNOUNCE\n";
    }

    std::string send_declare(int connection) {
        json payload{{"team_id", "T1"},
                     {"channel_id", "CGENERAL"},
                     {"user_id", "U1"},
                     {"command", "/incident"},
                     {"text", "declare Checkout down sev1"},
                     {"trigger_id", "TR1"}};
        return socket.send_envelope(connection, "slash_commands", payload, true);
    }

    int incidents() {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(dir.file("firebreak.db").c_str(), &db) == SQLITE_OK);
        sqlite3_stmt* stmt = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM incidents", -1, &stmt, nullptr) ==
                SQLITE_OK);
        REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
        int n = sqlite3_column_int(stmt, 0);
        sqlite3_finalize(stmt);
        sqlite3_close(db);
        return n;
    }

    std::size_t acks_of(const std::string& id) {
        std::size_t n = 0;
        for (const auto& a : socket.acks()) n += a.envelope_id == id;
        return n;
    }
};

json readiness(firebreak::testing::ServeProcess& serve) {
    http::testing::LoopbackClient client(serve.admin_port());
    auto r = client.request(http::testing::make_request(http::Verb::get, "/readyz"));
    return json::parse(r.body(), nullptr, false);
}

}  // namespace

TEST_CASE("serve in socket mode: kill -9 after the commit, before the ack; the resend is a no-op") {
    SocketServe s;
    std::string id;
    {
        firebreak::testing::ServeProcess serve(s.config, s.env);
        REQUIRE(s.socket.wait_for_open(2, 30s));
        REQUIRE(serve.wait_for_output("connection 2 open"));
        json ready = readiness(serve);
        bool reported = false;
        for (const auto& check : ready["checks"])
            if (check["name"] == "slack_socket_mode") {
                reported = true;
                CHECK(check["ok"] == true);
                CHECK(check["detail"].get<std::string>().find("2 of 2 connection(s) open") == 0);
            }
        CHECK(reported);
        // Committed and acknowledged, but the ack never reaches Slack: the process dies.
        s.socket.lose_acks(true);
        id = s.send_declare(s.socket.open_connections().front());
        REQUIRE(s.socket.wait_for_ack(id, 30s));
        CHECK(serve.stop(SIGKILL) == 128 + SIGKILL);
        s.socket.lose_acks(false);
    }
    CHECK(s.incidents() == 1);
    firebreak::testing::ServeProcess serve(s.config, s.env);
    REQUIRE(s.socket.wait_for_open(2, 30s));
    // Slack sends it again on a new connection: acknowledged, nothing more declared.
    REQUIRE(s.socket.wait_for_acks(2, 30s));
    CHECK(s.acks_of(id) == 2);
    CHECK(s.incidents() == 1);
    REQUIRE(s.fake.wait_for_calls("pins.add", 1, 30s));
    CHECK(s.fake.calls("conversations.create").size() == 1);
    CHECK(serve.stop(SIGTERM) == 0);
    CHECK(serve.output().find("xapp-test-token") == std::string::npos);
}

TEST_CASE("serve in socket mode: kill -9 before the commit; the resent envelope is applied") {
    SocketServe s;
    std::string id;
    {
        firebreak::testing::ServeProcess serve(s.config, s.env);
        REQUIRE(s.socket.wait_for_open(2, 30s));
        // Frozen: the envelope reaches its socket but is never read, let alone committed.
        REQUIRE(kill(serve.pid(), SIGSTOP) == 0);
        int status = 0;
        REQUIRE(waitpid(serve.pid(), &status, WUNTRACED) == serve.pid());
        REQUIRE(WIFSTOPPED(status));
        id = s.send_declare(s.socket.open_connections().front());
        CHECK(serve.stop(SIGKILL) == 128 + SIGKILL);
    }
    CHECK(s.incidents() == 0);
    CHECK(s.acks_of(id) == 0);
    firebreak::testing::ServeProcess serve(s.config, s.env);
    auto ack = s.socket.wait_for_ack(id, 30s);
    REQUIRE(ack);
    CHECK(ack->payload["response_type"] == "ephemeral");
    CHECK(s.incidents() == 1);
    CHECK(serve.stop(SIGTERM) == 0);
}
