#include "fakes/fake_slack.hpp"

#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "fakes/url_encoding.hpp"
#include "firebreak/http/router.hpp"
#include "firebreak/http/server.hpp"
#include "firebreak/http/server_limits.hpp"

namespace firebreak::fakes {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

/// Real Slack methods the fake routes without implementing them: they answer unknown_method
/// (HTTP 200, as every method does) rather than the router's plain-text 404, and can be
/// scripted. The router matches exact paths, so anything else under /api/ is a 404.
const std::vector<std::string>& unimplemented_methods() {
    static const std::vector<std::string> names = {
        "apps.connections.open",
        "bookmarks.add",
        "chat.delete",
        "chat.getPermalink",
        "conversations.archive",
        "conversations.info",
        "conversations.join",
        "conversations.kick",
        "conversations.members",
        "conversations.replies",
        "pins.remove",
        "reactions.add",
        "users.info",
        "users.lookupByEmail",
        "views.publish",
        "views.push",
    };
    return names;
}

std::string_view to_std(boost::beast::string_view s) {
    return {s.data(), s.size()};
}

/// The request's arguments as an object, or nullopt when the body is not what it claims.
std::optional<json> parse_arguments(std::string_view content_type, const std::string& body) {
    if (body.find_first_not_of(" \t\r\n") == std::string::npos) return json::object();
    if (content_type.substr(0, 33) == "application/x-www-form-urlencoded") {
        return form_fields(body);
    }
    json parsed = json::parse(body, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
    return parsed;
}

http::Response reply(unsigned status, const json& body) {
    http::Response response = http::make_response(
        http::Status::ok, body.dump(-1, ' ', false, json::error_handler_t::replace),
        "application/json; charset=utf-8");
    response.result(status);
    return response;
}

json failure(const std::string& code) {
    return {{"ok", false}, {"error", code}};
}

/// A stall alone leaves the answer to the workspace once released.
bool is_default(const SlackAnswer& answer) {
    return answer.status == 200 && answer.error.empty() && !answer.retry_after;
}

http::Response scripted_reply(const SlackAnswer& answer) {
    std::string code = answer.error;
    if (code.empty()) code = answer.retry_after ? "ratelimited" : "internal_error";
    http::Response response = reply(answer.status, failure(code));
    if (answer.retry_after)
        response.set(http::Field::retry_after, std::to_string(*answer.retry_after));
    return response;
}

}  // namespace

SlackAnswer SlackAnswer::rate_limited(int seconds) {
    return SlackAnswer{429, seconds, "ratelimited", false};
}

SlackAnswer SlackAnswer::server_error(unsigned status) {
    return SlackAnswer{status, std::nullopt, "internal_error", false};
}

SlackAnswer SlackAnswer::failure(std::string code) {
    return SlackAnswer{200, std::nullopt, std::move(code), false};
}

SlackAnswer SlackAnswer::stalled() {
    return SlackAnswer{200, std::nullopt, "", true};
}

FakeSlack::FakeSlack(std::string bot_token) : bot_token_(std::move(bot_token)) {
    auto router = std::make_shared<http::Router>();
    for (const auto* names : {&SlackWorkspace::methods(), &unimplemented_methods()}) {
        for (const std::string& method : *names) {
            router->add(
                http::Verb::post, "/api/" + method,
                [this, method](const http::Request& request) { return handle(method, request); });
        }
    }
    router->add(http::Verb::post, "/upload",
                [this](const http::Request& request) { return handle(kUploadMethod, request); });
    http::ServerLimits limits;
    limits.body_limit = 16 * 1024 * 1024;  // an uploaded file is larger than any API call
    server_ = std::make_unique<http::Server>(ioc_, std::move(router), limits);
    port_ = server_->listen("127.0.0.1", 0);
    workspace_.set_upload_base("http://127.0.0.1:" + std::to_string(port_) + "/upload");
    // A stalled or delayed call blocks the thread that runs its handler; one more keeps
    // serving.
    for (int i = 0; i < kMaxStalled + kMaxDelayed + 1; ++i)
        threads_.emplace_back([this] { ioc_.run(); });
}

FakeSlack::~FakeSlack() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    server_->stop();
    for (std::thread& thread : threads_) thread.join();
}

std::string FakeSlack::base_url() const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/api";
}

void FakeSlack::script(const std::string& method, SlackAnswer answer) {
    const auto& implemented = SlackWorkspace::methods();
    const auto& unimplemented = unimplemented_methods();
    if (method != kUploadMethod &&
        std::find(implemented.begin(), implemented.end(), method) == implemented.end() &&
        std::find(unimplemented.begin(), unimplemented.end(), method) == unimplemented.end()) {
        throw std::invalid_argument("FakeSlack does not route " + method);
    }
    std::lock_guard lock(mutex_);
    scripts_[method].push_back(std::move(answer));
}

void FakeSlack::release_stalled() {
    {
        std::lock_guard lock(mutex_);
        ++releases_;
    }
    changed_.notify_all();
}

std::size_t FakeSlack::stalled_count() const {
    std::lock_guard lock(mutex_);
    return stalled_;
}

void FakeSlack::delay(std::chrono::milliseconds by, std::string method, std::string channel) {
    std::lock_guard lock(mutex_);
    delays_.push_back(Delay{by, std::move(method), std::move(channel)});
}

std::size_t FakeSlack::peak_concurrent_calls() const {
    std::lock_guard lock(mutex_);
    return peak_answering_;
}

std::vector<SlackCall> FakeSlack::calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
}

std::vector<SlackCall> FakeSlack::calls(const std::string& method) const {
    std::lock_guard lock(mutex_);
    std::vector<SlackCall> out;
    std::copy_if(calls_.begin(), calls_.end(), std::back_inserter(out),
                 [&](const SlackCall& call) { return call.method == method; });
    return out;
}

bool FakeSlack::wait_for_calls(const std::string& method, std::size_t n,
                               std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return count_locked(method) >= n; });
}

std::size_t FakeSlack::count_locked(const std::string& method) const {
    if (method.empty()) return calls_.size();
    return static_cast<std::size_t>(
        std::count_if(calls_.begin(), calls_.end(),
                      [&](const SlackCall& call) { return call.method == method; }));
}

void FakeSlack::add_channel(std::string id, std::string name, bool is_private) {
    std::lock_guard lock(mutex_);
    workspace_.add_channel(std::move(id), std::move(name), is_private);
}

void FakeSlack::add_message(std::string channel, std::string ts, std::string user,
                            std::string text) {
    std::lock_guard lock(mutex_);
    workspace_.add_message(std::move(channel), std::move(ts), std::move(user), std::move(text));
}

void FakeSlack::add_message(Posted message) {
    std::lock_guard lock(mutex_);
    workspace_.add_message(std::move(message));
}

std::vector<SlackFile> FakeSlack::files() const {
    std::lock_guard lock(mutex_);
    return workspace_.shared_files();
}

std::optional<FakeSlack::Channel> FakeSlack::channel_named(const std::string& name) const {
    std::lock_guard lock(mutex_);
    return workspace_.channel_named(name);
}

std::optional<FakeSlack::Channel> FakeSlack::channel(const std::string& id) const {
    std::lock_guard lock(mutex_);
    return workspace_.channel(id);
}

std::vector<FakeSlack::Posted> FakeSlack::messages(const std::string& channel) const {
    std::lock_guard lock(mutex_);
    return workspace_.messages(channel);
}

bool FakeSlack::hold(std::unique_lock<std::mutex>& lock) {
    const std::uint64_t seen = releases_;
    ++stalled_;
    changed_.wait(lock, [&] { return stopping_ || releases_ != seen; });
    --stalled_;
    return releases_ != seen;
}

void FakeSlack::serve_socket_mode(std::function<std::string()> urls, std::string app_token) {
    std::lock_guard lock(mutex_);
    socket_urls_ = std::move(urls);
    app_token_ = std::move(app_token);
}

http::Response FakeSlack::handle(const std::string& method, const http::Request& request) {
    const Clock::time_point received_at = Clock::now();
    const std::string authorization(to_std(request[http::Field::authorization]));
    const std::string content_type(to_std(request[http::Field::content_type]));
    const std::optional<json> args = parse_arguments(content_type, request.body());

    std::unique_lock lock(mutex_);
    calls_.push_back(SlackCall{method, authorization, content_type,
                               args.value_or(json(request.body())), received_at});
    peak_answering_ = std::max(peak_answering_, ++answering_);
    changed_.notify_all();
    struct Answered {
        std::size_t& answering;
        ~Answered() { --answering; }  // runs under the lock: it is released after
    } answered{answering_};

    std::chrono::milliseconds delay{0};
    const std::string channel = args && args->contains("channel") && (*args)["channel"].is_string()
                                    ? (*args)["channel"].get<std::string>()
                                    : std::string();
    for (const Delay& d : delays_)
        if ((d.method.empty() || d.method == method) && (d.channel.empty() || d.channel == channel))
            delay = std::max(delay, d.by);
    if (delay > std::chrono::milliseconds::zero() &&
        changed_.wait_for(lock, delay, [&] { return stopping_; })) {
        return reply(503, failure("service_unavailable"));
    }

    std::optional<SlackAnswer> scripted;
    if (auto queue = scripts_.find(method); queue != scripts_.end() && !queue->second.empty()) {
        scripted = std::move(queue->second.front());
        queue->second.pop_front();
    }
    if (scripted && scripted->stall && !hold(lock)) {
        return reply(503, failure("service_unavailable"));
    }
    if (scripted && !is_default(*scripted)) return scripted_reply(*scripted);

    if (method == kUploadMethod) {
        // Signed by its URL: Slack answers "OK - <bytes>" as plain text.
        const std::string target(to_std(request.target()));
        const std::size_t at = target.find("file=");
        const std::string id = at == std::string::npos ? "" : target.substr(at + 5);
        if (!workspace_.receive_upload(id, request.body()))
            return http::text_response(http::Status::not_found, "no such upload\n");
        return http::text_response(http::Status::ok,
                                   "OK - " + std::to_string(request.body().size()));
    }

    if (method == "apps.connections.open" && socket_urls_) {
        // Only the app-level token opens a connection, and only in the header.
        if (authorization != "Bearer " + app_token_) {
            return reply(200,
                         failure(authorization == "Bearer " + bot_token_ ? "not_allowed_token_type"
                                                                         : "invalid_auth"));
        }
        return reply(200, json{{"ok", true}, {"url", socket_urls_()}});
    }

    // Slack reads the token from the header, or from a form body's `token` field.
    std::string token;
    constexpr std::string_view kBearer = "Bearer ";
    if (!authorization.empty()) {
        if (authorization.compare(0, kBearer.size(), kBearer) != 0) {
            return reply(200, failure("invalid_auth"));
        }
        token = authorization.substr(kBearer.size());
    } else if (args && args->contains("token") && (*args)["token"].is_string()) {
        token = (*args)["token"].get<std::string>();
    }
    if (token.empty()) return reply(200, failure("not_authed"));
    if (token != bot_token_) return reply(200, failure("invalid_auth"));
    if (!args) return reply(200, failure("invalid_json"));
    return reply(200, workspace_.answer(method, *args));
}

}  // namespace firebreak::fakes
