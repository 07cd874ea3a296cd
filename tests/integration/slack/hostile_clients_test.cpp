// The real binary under a crowd of hostile clients: thousands of idle connections and a
// few hundred slowloris ones must not shut out a signed Slack command, must not cost much
// memory, and must all be released when they leave. And forged, stale and malformed Slack
// requests, refused where the connections' thread reads them, change nothing.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "fakes/fake_slack.hpp"
#include "firebreak/slack/signature.hpp"
#include "support/loopback_client.hpp"
#include "support/serve_process.hpp"
#include "support/temp_dir.hpp"

using namespace firebreak;

namespace {

constexpr const char* kSecret = "hostile-test-signing-secret";
constexpr int kIdle = 3000;
constexpr int kSlowloris = 200;
constexpr long kRssGrowthLimitKib = 64 * 1024;

/// A raw loopback socket: the test holds thousands, so no io_context per connection.
class RawConnection {
  public:
    explicit RawConnection(std::uint16_t port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd_ < 0) throw std::runtime_error("socket failed");
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
            throw std::runtime_error("connect failed");
        timeval guard{10, 0};  // a server that never answers fails the test, not hangs it
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &guard, sizeof guard);
    }
    ~RawConnection() {
        if (fd_ >= 0) ::close(fd_);
    }
    RawConnection(RawConnection&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool send(const std::string& bytes) {
        return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
               static_cast<ssize_t>(bytes.size());
    }
    /// Reads until `marker` has arrived; the bytes, or what came before a close or the guard.
    std::string read_until(const std::string& marker) {
        std::string got;
        char buffer[1024];
        while (got.find(marker) == std::string::npos) {
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) break;
            got.append(buffer, static_cast<std::size_t>(n));
        }
        return got;
    }

  private:
    int fd_ = -1;
};

long status_kib(pid_t pid, const std::string& field) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
    }
    throw std::runtime_error("no " + field + " for pid " + std::to_string(pid));
}

std::size_t open_fds(pid_t pid) {
    const std::filesystem::path dir("/proc/" + std::to_string(pid) + "/fd");
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir),
                                                  std::filesystem::directory_iterator{}));
}

/// firebreak_http_connections_open{listener="public"} from the admin listener's /metrics.
long public_connections(std::uint16_t admin_port) {
    http::testing::LoopbackClient client(admin_port);
    const auto response = client.request(http::testing::make_request(http::Verb::get, "/metrics"));
    std::smatch m;
    const std::string body = response.body();
    if (!std::regex_search(
            body, m,
            std::regex("firebreak_http_connections_open\\{listener=\"public\"\\} ([0-9]+)")))
        throw std::runtime_error("no open-connections gauge in:\n" + body);
    return std::stol(m[1]);
}

/// The value of the metric line that starts with `series`, from the admin listener's /metrics.
long metric(std::uint16_t admin_port, const std::string& series) {
    http::testing::LoopbackClient client(admin_port);
    const std::string body =
        client.request(http::testing::make_request(http::Verb::get, "/metrics")).body();
    const auto at = body.find("\n" + series + " ");
    if (at == std::string::npos) return 0;
    return std::stol(body.substr(at + series.size() + 2));
}

/// POST /slack/commands with the headers given as they are.
http::Response post_command(std::uint16_t port, const std::string& timestamp,
                            const std::string& signature, const std::string& body) {
    http::Request request{http::Verb::post, "/slack/commands", 11};
    request.set(http::Field::content_type, "application/x-www-form-urlencoded");
    request.set("X-Slack-Request-Timestamp", timestamp);
    request.set("X-Slack-Signature", signature);
    request.body() = body;
    http::testing::LoopbackClient client(port);
    return client.request(std::move(request));
}

/// The real binary, Slack in http mode against a fake Slack.
struct SlackServe {
    firebreak::testing::TempDir dir;
    fakes::FakeSlack fake;
    firebreak::testing::ServeProcess serve;

    SlackServe()
        : serve(configured(dir, fake),
                {{"SLACK_SIGNING_SECRET", kSecret}, {"SLACK_BOT_TOKEN", "xoxb-hostile"}}) {}

    static std::string configured(const firebreak::testing::TempDir& dir, fakes::FakeSlack& fake) {
        fake.add_channel("CANNOUNCE", "incidents");
        const std::string config = dir.file("firebreak.yaml");
        std::ofstream(config) << firebreak::testing::slack_http_config(dir.file("firebreak.db"),
                                                                       fake.base_url());
        return config;
    }
};

/// Asks until `done` holds; false after `tries` scrapes (the server is slow, not the test).
template <class Done>
bool eventually(Done done, int tries = 300) {
    for (int i = 0; i < tries; ++i) {
        if (done()) return true;
        std::this_thread::yield();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));  // a poll, not a timing
    }
    return false;
}

}  // namespace

TEST_CASE("3,000 idle and 200 slowloris connections do not shut out a signed command") {
    // This test's own descriptors: the connections it holds, plus margin.
    rlimit limit{};
    REQUIRE(getrlimit(RLIMIT_NOFILE, &limit) == 0);
    limit.rlim_cur = limit.rlim_max;
    REQUIRE(setrlimit(RLIMIT_NOFILE, &limit) == 0);
    REQUIRE(limit.rlim_cur >= kIdle + kSlowloris + 256);

    SlackServe running;
    firebreak::testing::ServeProcess& serve = running.serve;
    const std::uint16_t admin_port = serve.admin_port();
    const std::string help =
        "team_id=T1&channel_id=CGENERAL&user_id=U1&command=%2Fincident&text=help&trigger_id=T";

    // Warm: the first command's allocations are not the crowd's.
    REQUIRE(firebreak::testing::post_signed_command(serve.port(), kSecret, help).result_int() ==
            200);
    REQUIRE(eventually([&] { return public_connections(admin_port) == 0; }));
    const long rss_before = status_kib(serve.pid(), "VmRSS");
    const std::size_t fds_before = open_fds(serve.pid());

    std::vector<RawConnection> crowd;
    crowd.reserve(kIdle + kSlowloris);
    // Idle between keep-alive requests (the idle timeout, 60 s, outlasts the test), the
    // cheapest way to hold a slot: one GET each, then silence.
    for (int i = 0; i < kIdle; ++i) {
        RawConnection& c = crowd.emplace_back(serve.port());
        REQUIRE(c.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
        REQUIRE(c.read_until("{\"status\":\"ok\"}").find("200 OK") != std::string::npos);
    }
    // Slowloris: a request's header started and trickled, never finished.
    for (int i = 0; i < kSlowloris; ++i) {
        RawConnection& c = crowd.emplace_back(serve.port());
        REQUIRE(c.send("POST /slack/commands HTTP/1.1\r\nHost: t\r\nX-Slow: "));
    }
    for (int i = kIdle; i < kIdle + kSlowloris; ++i) REQUIRE(crowd[i].send("a"));
    REQUIRE(eventually([&] { return public_connections(admin_port) >= kIdle + kSlowloris; }));

    const auto reply = firebreak::testing::post_signed_command(serve.port(), kSecret, help);
    CHECK(reply.result_int() == 200);
    const long rss_growth = status_kib(serve.pid(), "VmRSS") - rss_before;
    INFO("RSS grew by " << rss_growth << " KiB for " << kIdle + kSlowloris << " connections");
    CHECK(rss_growth < kRssGrowthLimitKib);

    crowd.clear();  // everyone leaves
    CHECK(eventually([&] { return public_connections(admin_port) == 0; }));
    CHECK(eventually([&] { return open_fds(serve.pid()) <= fds_before; }));
    CHECK(serve.stop(SIGTERM) == 0);
    // Not one line per hostile connection at the default level.
    const std::string output = serve.output();
    CHECK(std::count(output.begin(), output.end(), '\n') < 100);
}

TEST_CASE("forged, stale and malformed Slack requests are refused and change nothing") {
    SlackServe running;
    firebreak::testing::ServeProcess& serve = running.serve;
    const std::uint16_t admin_port = serve.admin_port();
    const std::string declare =
        "team_id=T1&channel_id=CGENERAL&user_id=U1&command=%2Fincident"
        "&text=declare+Checkout+down+sev2&trigger_id=T";
    const std::string failures = "firebreak_signature_failures_total{platform=\"slack\"}";
    const slack::SlackSignatureVerifier signer(kSecret);
    const std::string now = std::to_string(std::time(nullptr));
    const std::string stale = std::to_string(std::time(nullptr) - 600);

    // Signed with another secret; signed ten minutes ago (a replay); no signature at all.
    CHECK(firebreak::testing::post_signed_command(serve.port(), "not-the-secret", declare)
              .result_int() == 401);
    CHECK(post_command(serve.port(), stale, signer.sign(stale, declare), declare).result_int() ==
          401);
    CHECK(post_command(serve.port(), now, "", declare).result_int() == 401);
    CHECK(metric(admin_port, failures) == 3);
    // Signed, but not form data; signed form data the decoder refuses (no user).
    CHECK(firebreak::testing::post_signed_command(serve.port(), kSecret, "text=%ZZ").result_int() ==
          400);
    CHECK(firebreak::testing::post_signed_command(
              serve.port(), kSecret,
              "team_id=T1&channel_id=CGENERAL&command=%2Fincident&text=declare+X+sev2")
              .result_int() == 400);

    // The one signed declare is the only incident.
    CHECK(firebreak::testing::post_signed_command(serve.port(), kSecret, declare).result_int() ==
          200);
    REQUIRE(running.fake.wait_for_calls("conversations.create", 1, std::chrono::seconds(30)));
    CHECK(serve.stop(SIGTERM) == 0);
    CHECK(running.fake.calls("conversations.create").size() == 1);
    // The log said why, and never the secret.
    CHECK(serve.output().find("slack: refused POST /slack/commands") != std::string::npos);
    CHECK(serve.output().find(kSecret) == std::string::npos);
}
