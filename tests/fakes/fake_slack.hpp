#pragma once
// A fake Slack Web API for integration tests: the project's real http::Server on
// 127.0.0.1:<any port>, answering `POST /api/<method>` as https://slack.com/api does, with a
// small stateful workspace behind it, every call recorded, and scripted failures (429, 5xx,
// ok:false, stalls) for the next calls of a method.

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "fakes/slack_workspace.hpp"
#include "firebreak/http/message.hpp"

namespace firebreak::http {
class Server;
}

namespace firebreak::fakes {

struct SlackCall {
    std::string method;         // "chat.postMessage"
    std::string authorization;  // the raw header
    std::string content_type;
    /// The parsed JSON body; form fields as an object when form-encoded; {} when empty; the
    /// raw body as a JSON string when it is not valid JSON.
    nlohmann::json body;
    std::chrono::steady_clock::time_point received_at;
};

/// A scripted answer for the next call of a method, used once, in order, before the default
/// behaviour resumes. One that is only a stall (status 200, no error, no Retry-After) gets the
/// default answer once released.
struct SlackAnswer {
    unsigned status = 200;
    std::optional<int> retry_after;  // adds Retry-After: N (use with status 429)
    /// Non-empty: {"ok":false,"error":error} with `status`. Empty with a status other than 200:
    /// a generic error code for that status.
    std::string error;
    /// Hold the response until release_stalled() or the fake stops (the call is recorded when
    /// it arrives). Each stalled call holds one of the server's threads: at most
    /// FakeSlack::kMaxStalled at once.
    bool stall = false;

    /// HTTP 429, Retry-After: `seconds`, {"ok":false,"error":"ratelimited"}.
    static SlackAnswer rate_limited(int seconds);
    /// HTTP `status`, {"ok":false,"error":"internal_error"}.
    static SlackAnswer server_error(unsigned status = 500);
    /// HTTP 200, {"ok":false,"error":code}.
    static SlackAnswer failure(std::string code);
    /// The default answer, held until release_stalled().
    static SlackAnswer stalled();
};

class FakeSlack {
  public:
    using Channel = SlackChannel;
    using Posted = SlackMessage;

    /// Threads serving requests, less the one that must stay free for everyone else.
    static constexpr int kMaxStalled = 7;
    /// Calls held by a delay at once, beyond the stalled ones (each holds a thread).
    static constexpr int kMaxDelayed = 16;

    /// Listens on 127.0.0.1 (any free port) and serves at once, on its own threads.
    explicit FakeSlack(std::string bot_token = "xoxb-test-token");
    /// Stops the server and joins its threads, answering stalled calls with 503.
    ~FakeSlack();
    FakeSlack(const FakeSlack&) = delete;
    FakeSlack& operator=(const FakeSlack&) = delete;

    std::uint16_t port() const { return port_; }
    /// "http://127.0.0.1:<port>/api": the bot calls `base_url() + "/chat.postMessage"`.
    std::string base_url() const;

    /// The pseudo-method under which POSTs to an upload URL (files.getUploadURLExternal
    /// points them at the fake itself) are recorded and scripted. They need no token.
    static constexpr const char* kUploadMethod = "upload";

    /// Queues `answer` for the next unanswered call of `method`. Throws std::invalid_argument
    /// for a method the fake does not route (see SlackWorkspace::methods()).
    void script(const std::string& method, SlackAnswer answer);
    /// Answers every call stalled so far (calls that arrive later may stall again).
    void release_stalled();
    /// Calls currently held by a stall.
    std::size_t stalled_count() const;

    /// Answers every later call of `method` ("" = any) that names `channel` ("" = any) in its
    /// arguments only after `by` (a slow API: Slack answers in 100–300 ms). The longest
    /// matching delay applies; a scripted answer is delayed too. At most kMaxDelayed such
    /// calls at once.
    void delay(std::chrono::milliseconds by, std::string method = "", std::string channel = "");
    /// The most calls that were being answered at one time (arrived, not yet answered).
    std::size_t peak_concurrent_calls() const;

    /// Answers apps.connections.open called with `app_token` with {"ok":true,"url":urls()}
    /// (a FakeSocketMode's next_url); another token gets invalid_auth. Scripts go first.
    void serve_socket_mode(std::function<std::string()> urls,
                           std::string app_token = "xapp-test-token");

    /// All calls, in arrival order.
    std::vector<SlackCall> calls() const;
    std::vector<SlackCall> calls(const std::string& method) const;
    /// Blocks until at least n calls of `method` ("" = any) have arrived, or `timeout` passes.
    /// True when they did.
    bool wait_for_calls(const std::string& method, std::size_t n,
                        std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

    // World state the bot can observe:
    void add_channel(std::string id, std::string name, bool is_private = false);
    /// A message the bot may read back with conversations.history.
    void add_message(std::string channel, std::string ts, std::string user, std::string text);
    /// Any message: another bot's (bot_id, bot_name, username, no user), one with files.
    void add_message(Posted message);
    /// Files shared with files.completeUploadExternal, with the bytes uploaded for each.
    std::vector<SlackFile> files() const;
    std::optional<Channel> channel_named(const std::string& name) const;
    std::optional<Channel> channel(const std::string& id) const;
    /// The channel's messages as they read now (after chat.update), in posting order.
    std::vector<Posted> messages(const std::string& channel) const;

  private:
    http::Response handle(const std::string& method, const http::Request& request);
    /// Holds the calling I/O thread until release_stalled() or the destructor; false when the
    /// fake is stopping.
    bool hold(std::unique_lock<std::mutex>& lock);
    std::size_t count_locked(const std::string& method) const;

    const std::string bot_token_;
    std::function<std::string()> socket_urls_;  // guarded by mutex_
    std::string app_token_;                     // guarded by mutex_

    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;  // a call arrived, a release, or stopping
    std::vector<SlackCall> calls_;
    std::map<std::string, std::deque<SlackAnswer>> scripts_;
    SlackWorkspace workspace_;
    std::uint64_t releases_ = 0;
    std::size_t stalled_ = 0;
    struct Delay {
        std::chrono::milliseconds by;
        std::string method;
        std::string channel;
    };
    std::vector<Delay> delays_;
    std::size_t answering_ = 0;  // calls arrived and not yet answered
    std::size_t peak_answering_ = 0;
    bool stopping_ = false;

    boost::asio::io_context ioc_;
    std::unique_ptr<http::Server> server_;
    std::uint16_t port_ = 0;
    std::vector<std::thread> threads_;
};

}  // namespace firebreak::fakes
