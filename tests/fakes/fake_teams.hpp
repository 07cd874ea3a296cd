#pragma once
// A fake of the three Microsoft services the Teams deliverer calls, on the project's real
// http::Server at 127.0.0.1:<any port>:
//   token:     POST {base}/{tenant}/oauth2/v2.0/token
//   connector: {base}/connector/v3/...   (serviceUrl = {base}/connector/)
//   graph:     {base}/graph/v1.0/...     (teams.graph_url = {base}/graph/v1.0)
// A small stateful world behind it (channels by name, activities by id with their edits, 1:1
// chats, messages Graph can read back), every call recorded, and scripted answers (429 with
// Retry-After, 412, 5xx, 413, 403, stalls) for the next calls of a route.

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "firebreak/http/message.hpp"

namespace firebreak::http {
class Server;
}

namespace firebreak::fakes {

/// The routes the fake answers, by the names calls are recorded and scripted under.
namespace teams_route {
inline constexpr const char* token = "token";    // POST token endpoint
inline constexpr const char* send = "send";      // POST …/{id}/activities
inline constexpr const char* reply = "reply";    // POST …/activities/{id}
inline constexpr const char* update = "update";  // PUT …/activities/{id}
inline constexpr const char* create_conversation = "create_conversation";  // POST v3/conversations
inline constexpr const char* create_channel = "create_channel";  // POST /teams/{t}/channels
inline constexpr const char* get_channel = "get_channel";        // GET  /teams/{t}/channels/{c}
inline constexpr const char* patch_channel = "patch_channel";    // PATCH /teams/{t}/channels/{c}
inline constexpr const char* add_member = "add_member";          // POST …/channels/{c}/members
inline constexpr const char* get_message = "get_message";
inline constexpr const char* member =
    "member";  // GET …/conversations/{id}/members/{member}  // GET  …/messages/{id}[/replies/{id}]
}  // namespace teams_route

struct TeamsCall {
    std::string route;          ///< a teams_route name; "unmatched" for anything else
    std::string method;         ///< "POST", "PUT", ...
    std::string path;           ///< the target as sent (percent-encoded), without the query
    std::string authorization;  ///< the raw header
    /// The parsed JSON body (form fields as an object of strings for the token route); {}
    /// when empty; the raw body as a JSON string when it is not valid JSON.
    nlohmann::json body;
};

/// A scripted answer for the next call of a route, used once, in order. One that only
/// stalls (status 0) gets the default answer once released.
struct TeamsAnswer {
    unsigned status = 0;             ///< 0: the default answer
    std::optional<int> retry_after;  ///< adds Retry-After: N
    std::string code;                ///< the error body's code ("" = one for the status)
    bool stall = false;              ///< hold until release_stalled() or the fake stops

    static TeamsAnswer rate_limited(int seconds);
    /// Any error status: 412, 5xx, 413 ("MessageSizeTooBig"), 403, ...
    static TeamsAnswer error(unsigned status, std::string code = "");
    static TeamsAnswer stalled();
};

struct TeamsActivity {
    std::string id;
    std::string conversation;  ///< where it was sent (a thread's "…;messageid=<root>")
    std::string reply_to;      ///< the activity it replies to ("" for a new post)
    nlohmann::json activity;   ///< as it reads now (after edits)
    int edits = 0;
};

struct TeamsChannel {
    std::string team;
    std::string id;
    std::string name;
    std::string description;
    bool is_private = false;
    std::vector<std::string> owners;   ///< Entra ids
    std::vector<std::string> members;  ///< Entra ids added as members (not owners)
};

class FakeTeams {
  public:
    static constexpr int kMaxStalled = 6;

    struct Credentials {
        std::string tenant = "tenant-1";
        std::string client_id = "bot-app-id";
        std::string client_secret = "bot-secret-value";
    };

    FakeTeams() : FakeTeams(Credentials{}) {}
    explicit FakeTeams(Credentials credentials);
    ~FakeTeams();
    FakeTeams(const FakeTeams&) = delete;
    FakeTeams& operator=(const FakeTeams&) = delete;

    std::uint16_t port() const { return port_; }
    const Credentials& credentials() const { return credentials_; }
    std::string base_url() const;
    std::string token_url() const;    ///< {base}/{tenant}/oauth2/v2.0/token
    std::string service_url() const;  ///< {base}/connector/
    std::string graph_url() const;    ///< {base}/graph/v1.0

    void script(const std::string& route, TeamsAnswer answer);
    void release_stalled();
    /// Forgets every scripted answer not used yet.
    void clear_scripts();
    std::size_t stalled_count() const;
    /// Every later call of `route` ("" = any) is answered only after `by`.
    void delay(std::chrono::milliseconds by, std::string route = "");

    std::vector<TeamsCall> calls() const;
    std::vector<TeamsCall> calls(const std::string& route) const;
    bool wait_for_calls(const std::string& route, std::size_t n,
                        std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
    /// Tokens issued for `scope` so far.
    int tokens_issued(const std::string& scope) const;
    /// Tokens issued so far stop working (the connector and Graph answer 401 to them).
    void revoke_tokens();
    /// Token lifetime the endpoint answers (expires_in, seconds); default 3599.
    void set_token_lifetime(int seconds);

    /// A channel message over this many bytes is refused with 413 MessageSizeTooBig
    /// (Teams: about 28 KB in a channel).
    void set_size_limit(std::size_t bytes);
    /// Creating a 1:1 chat is refused with 403 (the person has not installed the app).
    void refuse_chats(bool refuse);

    void add_channel(TeamsChannel channel);
    /// Someone GET v3/conversations/{id}/members/{member_id} can find (any conversation).
    void add_member_profile(const std::string& member_id, const std::string& aad_id,
                            const std::string& name);
    std::optional<TeamsChannel> channel_named(const std::string& team,
                                              const std::string& name) const;
    std::optional<TeamsChannel> channel(const std::string& id) const;
    /// The activities sent to `conversation` (a thread's replies included when it is a
    /// channel id), in sending order.
    std::vector<TeamsActivity> activities(const std::string& conversation) const;
    std::optional<TeamsActivity> activity(const std::string& id) const;
    /// 1:1 chats created: chat id → the member it is with.
    std::map<std::string, std::string> chats() const;
    /// A Graph chatMessage (with "id", "from", "body", "createdDateTime") readable at
    /// GET /teams/{team}/channels/{channel}/messages/{id} (or …/{root}/replies/{id}).
    void add_message(const std::string& channel, const std::string& root, nlohmann::json message);

  private:
    http::Response handle(const http::Request& request);
    http::Response answer(const std::string& route, const std::vector<std::string>& segments,
                          const http::Request& request, const nlohmann::json& body);
    http::Response connector(const std::string& route, const std::vector<std::string>& segments,
                             const nlohmann::json& body);
    http::Response graph(const std::string& route, const std::vector<std::string>& segments,
                         const nlohmann::json& body);
    http::Response token(const nlohmann::json& form);
    bool hold(std::unique_lock<std::mutex>& lock);
    std::string new_id(const std::string& prefix);

    const Credentials credentials_;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::vector<TeamsCall> calls_;
    std::map<std::string, std::deque<TeamsAnswer>> scripts_;
    std::vector<std::pair<std::chrono::milliseconds, std::string>> delays_;
    std::uint64_t releases_ = 0;
    std::size_t stalled_ = 0;
    bool stopping_ = false;
    // The world.
    std::map<std::string, std::string> tokens_;  // token → scope; revoked ones removed
    std::map<std::string, int> issued_;          // scope → count
    int token_lifetime_ = 3599;
    std::size_t size_limit_ = 28000;
    bool refuse_chats_ = false;
    std::vector<TeamsChannel> channels_;
    std::vector<TeamsActivity> activities_;
    std::map<std::string, std::string> chats_;
    std::map<std::string, std::pair<std::string, std::string>> profiles_;  // member → aad, name
    std::map<std::string, nlohmann::json> messages_;  // "channel|root|id" → chatMessage
    int next_id_ = 1;

    boost::asio::io_context ioc_;
    std::unique_ptr<http::Server> server_;
    std::uint16_t port_ = 0;
    std::vector<std::thread> threads_;
};

}  // namespace firebreak::fakes
