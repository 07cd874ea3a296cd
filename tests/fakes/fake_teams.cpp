#include "fakes/fake_teams.hpp"

#include <algorithm>
#include <utility>

#include "fakes/url_encoding.hpp"
#include "firebreak/http/router.hpp"
#include "firebreak/http/server.hpp"
#include "firebreak/http/server_limits.hpp"

namespace firebreak::fakes {
namespace {

using nlohmann::json;

std::string_view to_std(boost::beast::string_view s) {
    return {s.data(), s.size()};
}

/// The path's segments, each percent-decoded.
std::vector<std::string> segments_of(std::string_view path) {
    std::vector<std::string> out;
    while (!path.empty()) {
        if (path.front() == '/') {
            path.remove_prefix(1);
            continue;
        }
        std::size_t slash = std::min(path.find('/'), path.size());
        out.push_back(url_decode(path.substr(0, slash), false));
        path.remove_prefix(slash);
    }
    return out;
}

http::Response reply(unsigned status, const json& body) {
    http::Response response = http::make_response(
        http::Status::ok, body.is_null() ? "" : body.dump(), "application/json");
    response.result(status);
    return response;
}

http::Response error_reply(unsigned status, const std::string& code, const std::string& message) {
    return reply(status, json{{"error", {{"code", code}, {"message", message}}}});
}

std::string default_code(unsigned status) {
    switch (status) {
        case 429:
            return "TooManyRequests";
        case 412:
            return "PreconditionFailed";
        case 413:
            return "MessageSizeTooBig";
        case 403:
            return "Forbidden";
        case 404:
            return "NotFound";
        case 409:
            return "NameAlreadyExists";
        default:
            return status >= 500 ? "ServiceError" : "BadRequest";
    }
}

/// The route a request names, from its method and decoded path segments.
std::string route_of(http::Verb verb, const std::vector<std::string>& s) {
    using V = http::Verb;
    if (s.size() == 4 && s[1] == "oauth2" && s[2] == "v2.0" && s[3] == "token" && verb == V::post)
        return teams_route::token;
    if (s.size() >= 3 && s[0] == "connector" && s[1] == "v3" && s[2] == "conversations") {
        if (s.size() == 3 && verb == V::post) return teams_route::create_conversation;
        if (s.size() == 5 && s[4] == "activities" && verb == V::post) return teams_route::send;
        if (s.size() == 6 && s[4] == "activities" && verb == V::post) return teams_route::reply;
        if (s.size() == 6 && s[4] == "activities" && verb == V::put) return teams_route::update;
        if (s.size() == 6 && s[4] == "members" && verb == V::get) return teams_route::member;
    }
    if (s.size() >= 4 && s[0] == "graph" && s[1] == "v1.0" && s[2] == "teams" && s.size() >= 5 &&
        s[4] == "channels") {
        if (s.size() == 5 && verb == V::post) return teams_route::create_channel;
        if (s.size() == 6 && verb == V::get) return teams_route::get_channel;
        if (s.size() == 6 && verb == V::patch) return teams_route::patch_channel;
        if (s.size() == 7 && s[6] == "members" && verb == V::post) return teams_route::add_member;
        if ((s.size() == 8 || (s.size() == 10 && s[8] == "replies")) && s[6] == "messages" &&
            verb == V::get)
            return teams_route::get_message;
    }
    return "unmatched";
}

}  // namespace

TeamsAnswer TeamsAnswer::rate_limited(int seconds) {
    return TeamsAnswer{429, seconds, "", false};
}

TeamsAnswer TeamsAnswer::error(unsigned status, std::string code) {
    return TeamsAnswer{status, std::nullopt, std::move(code), false};
}

TeamsAnswer TeamsAnswer::stalled() {
    return TeamsAnswer{0, std::nullopt, "", true};
}

FakeTeams::FakeTeams(Credentials credentials) : credentials_(std::move(credentials)) {
    auto router = std::make_shared<http::Router>();
    for (http::Verb verb : {http::Verb::get, http::Verb::post, http::Verb::put, http::Verb::patch})
        router->add_prefix(verb, "/", [this](const http::Request& r) { return handle(r); });
    server_ = std::make_unique<http::Server>(ioc_, std::move(router), http::ServerLimits{});
    port_ = server_->listen("127.0.0.1", 0);
    for (int i = 0; i < kMaxStalled + 2; ++i) threads_.emplace_back([this] { ioc_.run(); });
}

FakeTeams::~FakeTeams() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    server_->stop();
    for (std::thread& thread : threads_) thread.join();
}

std::string FakeTeams::base_url() const {
    return "http://127.0.0.1:" + std::to_string(port_);
}
std::string FakeTeams::token_url() const {
    return base_url() + "/" + credentials_.tenant + "/oauth2/v2.0/token";
}
std::string FakeTeams::service_url() const {
    return base_url() + "/connector/";
}
std::string FakeTeams::graph_url() const {
    return base_url() + "/graph/v1.0";
}

void FakeTeams::script(const std::string& route, TeamsAnswer answer) {
    std::lock_guard lock(mutex_);
    scripts_[route].push_back(std::move(answer));
}

void FakeTeams::release_stalled() {
    {
        std::lock_guard lock(mutex_);
        ++releases_;
    }
    changed_.notify_all();
}

std::size_t FakeTeams::stalled_count() const {
    std::lock_guard lock(mutex_);
    return stalled_;
}

void FakeTeams::clear_scripts() {
    std::lock_guard lock(mutex_);
    scripts_.clear();
}

void FakeTeams::delay(std::chrono::milliseconds by, std::string route) {
    std::lock_guard lock(mutex_);
    delays_.emplace_back(by, std::move(route));
}

std::vector<TeamsCall> FakeTeams::calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
}

std::vector<TeamsCall> FakeTeams::calls(const std::string& route) const {
    std::lock_guard lock(mutex_);
    std::vector<TeamsCall> out;
    std::copy_if(calls_.begin(), calls_.end(), std::back_inserter(out),
                 [&](const TeamsCall& c) { return c.route == route; });
    return out;
}

bool FakeTeams::wait_for_calls(const std::string& route, std::size_t n,
                               std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] {
        return static_cast<std::size_t>(std::count_if(
                   calls_.begin(), calls_.end(),
                   [&](const TeamsCall& c) { return route.empty() || c.route == route; })) >= n;
    });
}

int FakeTeams::tokens_issued(const std::string& scope) const {
    std::lock_guard lock(mutex_);
    auto it = issued_.find(scope);
    return it == issued_.end() ? 0 : it->second;
}

void FakeTeams::revoke_tokens() {
    std::lock_guard lock(mutex_);
    tokens_.clear();
}

void FakeTeams::set_token_lifetime(int seconds) {
    std::lock_guard lock(mutex_);
    token_lifetime_ = seconds;
}

void FakeTeams::set_size_limit(std::size_t bytes) {
    std::lock_guard lock(mutex_);
    size_limit_ = bytes;
}

void FakeTeams::refuse_chats(bool refuse) {
    std::lock_guard lock(mutex_);
    refuse_chats_ = refuse;
}

void FakeTeams::add_channel(TeamsChannel channel) {
    std::lock_guard lock(mutex_);
    channels_.push_back(std::move(channel));
}

void FakeTeams::add_member_profile(const std::string& member_id, const std::string& aad_id,
                                   const std::string& name) {
    std::lock_guard lock(mutex_);
    profiles_[member_id] = {aad_id, name};
}

std::optional<TeamsChannel> FakeTeams::channel_named(const std::string& team,
                                                     const std::string& name) const {
    std::lock_guard lock(mutex_);
    for (const auto& c : channels_)
        if (c.team == team && c.name == name) return c;
    return std::nullopt;
}

std::optional<TeamsChannel> FakeTeams::channel(const std::string& id) const {
    std::lock_guard lock(mutex_);
    for (const auto& c : channels_)
        if (c.id == id) return c;
    return std::nullopt;
}

std::vector<TeamsActivity> FakeTeams::activities(const std::string& conversation) const {
    std::lock_guard lock(mutex_);
    std::vector<TeamsActivity> out;
    for (const auto& a : activities_)
        if (a.conversation == conversation || a.conversation.starts_with(conversation + ";"))
            out.push_back(a);
    return out;
}

std::optional<TeamsActivity> FakeTeams::activity(const std::string& id) const {
    std::lock_guard lock(mutex_);
    for (const auto& a : activities_)
        if (a.id == id) return a;
    return std::nullopt;
}

std::map<std::string, std::string> FakeTeams::chats() const {
    std::lock_guard lock(mutex_);
    return chats_;
}

void FakeTeams::add_message(const std::string& channel, const std::string& root, json message) {
    std::lock_guard lock(mutex_);
    std::string id = message.value("id", "");
    messages_[channel + "|" + root + "|" + id] = std::move(message);
}

bool FakeTeams::hold(std::unique_lock<std::mutex>& lock) {
    const std::uint64_t seen = releases_;
    ++stalled_;
    changed_.wait(lock, [&] { return stopping_ || releases_ != seen; });
    --stalled_;
    return releases_ != seen;
}

std::string FakeTeams::new_id(const std::string& prefix) {
    return prefix + std::to_string(next_id_++);
}

http::Response FakeTeams::handle(const http::Request& request) {
    std::string target(to_std(request.target()));
    std::string path = target.substr(0, std::min(target.find('?'), target.size()));
    std::vector<std::string> segments = segments_of(path);
    std::string route = route_of(request.method(), segments);
    std::string content_type(to_std(request[http::Field::content_type]));
    json body = json::object();
    if (route == teams_route::token) {
        body = form_fields(request.body());
    } else if (!request.body().empty()) {
        body = json::parse(request.body(), nullptr, false);
        if (body.is_discarded()) body = json(request.body());
    }

    std::unique_lock lock(mutex_);
    calls_.push_back(TeamsCall{route, std::string(to_std(request.method_string())), path,
                               std::string(to_std(request[http::Field::authorization])), body});
    changed_.notify_all();

    std::chrono::milliseconds delay{0};
    for (const auto& [by, r] : delays_)
        if (r.empty() || r == route) delay = std::max(delay, by);
    if (delay.count() > 0 && changed_.wait_for(lock, delay, [&] { return stopping_; }))
        return error_reply(503, "ServiceUnavailable", "stopping");

    std::optional<TeamsAnswer> scripted;
    if (auto q = scripts_.find(route); q != scripts_.end() && !q->second.empty()) {
        scripted = std::move(q->second.front());
        q->second.pop_front();
    }
    if (scripted && scripted->stall && !hold(lock))
        return error_reply(503, "ServiceUnavailable", "stopping");
    if (scripted && scripted->status != 0) {
        http::Response r = error_reply(
            scripted->status,
            scripted->code.empty() ? default_code(scripted->status) : scripted->code, "scripted");
        if (scripted->retry_after)
            r.set(http::Field::retry_after, std::to_string(*scripted->retry_after));
        return r;
    }
    if (route == "unmatched") return error_reply(404, "NotFound", "no such route in the fake");
    if (route == teams_route::token) return token(body);
    return answer(route, segments, request, body);
}

http::Response FakeTeams::token(const json& form) {
    if (form.value("grant_type", "") != "client_credentials")
        return reply(400, json{{"error", "unsupported_grant_type"}});
    if (form.value("client_id", "") != credentials_.client_id ||
        form.value("client_secret", "") != credentials_.client_secret)
        return reply(401, json{{"error", "invalid_client"}});
    std::string scope = form.value("scope", "");
    if (scope != "https://api.botframework.com/.default" &&
        scope != "https://graph.microsoft.com/.default")
        return reply(400, json{{"error", "invalid_scope"}});
    std::string token = "token-" + std::to_string(++issued_[scope]) + "-" +
                        (scope.find("graph") != std::string::npos ? "graph" : "bot");
    tokens_[token] = scope;
    return reply(
        200,
        json{{"token_type", "Bearer"}, {"expires_in", token_lifetime_}, {"access_token", token}});
}

http::Response FakeTeams::answer(const std::string& route, const std::vector<std::string>& segments,
                                 const http::Request& request, const json& body) {
    // Each service takes only tokens issued for its own scope.
    const bool is_graph = segments[0] == "graph";
    std::string auth(to_std(request[http::Field::authorization]));
    std::string token = auth.starts_with("Bearer ") ? auth.substr(7) : "";
    auto known = tokens_.find(token);
    const char* scope =
        is_graph ? "https://graph.microsoft.com/.default" : "https://api.botframework.com/.default";
    if (known == tokens_.end() || known->second != scope)
        return error_reply(401, "Unauthorized", "token missing, revoked or for another scope");
    if (!body.is_object()) return error_reply(400, "BadArgument", "body is not a JSON object");
    return is_graph ? graph(route, segments, body) : connector(route, segments, body);
}

}  // namespace firebreak::fakes
