#include "firebreak/http/router.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>
#include <stdexcept>
#include <string_view>
#include <type_traits>
#include <utility>

namespace firebreak::http {
namespace {

std::string_view to_std(boost::beast::string_view s) {
    return {s.data(), s.size()};
}

/// The target without its query string.
std::string_view path_of(const Request& request) {
    const std::string_view target = to_std(request.target());
    return target.substr(0, target.find('?'));
}

/// "GET, POST": the methods registered on one path, for the Allow header of a 405.
template <typename Verbs>
std::string allow_header(const Verbs& verbs) {
    std::string allow;
    for (const auto& entry : verbs) {
        if (!allow.empty()) allow += ", ";
        allow += to_std(boost::beast::http::to_string(entry.first));
    }
    return allow;
}

Response internal_error() {
    return text_response(Status::internal_server_error, "internal server error\n");
}

/// A handler bug must cost one request a 500, never the connection or the server.
template <typename Call>
auto guarded(const Request& request, Call&& call) -> decltype(call()) {
    try {
        return call();
    } catch (const std::exception& e) {
        spdlog::error("http: {} {} failed: {}", to_std(request.method_string()), path_of(request),
                      e.what());
    } catch (...) {
        spdlog::error("http: {} {} failed: unknown exception", to_std(request.method_string()),
                      path_of(request));
    }
    if constexpr (std::is_same_v<decltype(call()), Staged>)
        return answered(internal_error());
    else
        return internal_error();
}

}  // namespace

Staged answered(Response response) {
    return Staged{std::move(response), nullptr};
}

Staged deferred(Handler rest) {
    return Staged{std::nullopt, std::move(rest)};
}

void Router::add_entry(std::map<std::string, Verbs, std::less<>>& table, Verb verb,
                       std::string path, Entry entry, const char* what) {
    auto& verbs = table[path];
    if (!verbs.emplace(verb, std::move(entry)).second) {
        throw std::invalid_argument(std::string("http ") + what + " registered twice: " +
                                    std::string(to_std(boost::beast::http::to_string(verb))) + " " +
                                    path);
    }
}

void Router::add(Verb verb, std::string path, Handler handler) {
    add_entry(routes_, verb, std::move(path), Entry{std::move(handler), nullptr}, "route");
}

void Router::add_prefix(Verb verb, std::string prefix, Handler handler) {
    add_entry(prefixes_, verb, std::move(prefix), Entry{std::move(handler), nullptr},
              "prefix route");
}

void Router::add_staged(Verb verb, std::string path, Stage stage) {
    add_entry(routes_, verb, std::move(path), Entry{nullptr, std::move(stage)}, "route");
}

Response Router::route(const Request& request) const {
    Routed routed = finish(request, prepare(request));
    observe(request, routed, routed.response.result());
    return std::move(routed.response);
}

Router::Prepared Router::prepare(const Request& request) const {
    Prepared prepared;
    prepared.routed = Routed{Response{}, "unmatched", std::chrono::steady_clock::now()};
    std::optional<Response> refusal;
    const Entry* entry = match(request, prepared.routed.route, refusal);
    if (entry == nullptr) {
        prepared.routed.response = std::move(*refusal);
        return prepared;
    }
    if (!entry->stage) {
        prepared.handler = &entry->handler;
        return prepared;
    }
    Staged staged = guarded(request, [&] { return entry->stage(request); });
    if (!staged.answer && !staged.rest) {
        // A stage that neither answers nor leaves work is a bug: a 500, as if it threw.
        spdlog::error("http: {} {} failed: its stage left neither an answer nor a rest",
                      to_std(request.method_string()), path_of(request));
        staged.answer = internal_error();
    }
    if (staged.answer) {
        prepared.routed.response = std::move(*staged.answer);
        return prepared;
    }
    prepared.rest = std::move(staged.rest);
    return prepared;
}

Router::Routed Router::finish(const Request& request, Prepared prepared) const {
    if (prepared.answered()) return std::move(prepared.routed);
    const Handler& handler = prepared.handler != nullptr ? *prepared.handler : prepared.rest;
    prepared.routed.response = guarded(request, [&] { return handler(request); });
    return std::move(prepared.routed);
}

void Router::observe(const Request& request, const Routed& routed, Status sent) const {
    if (!observer_) return;
    try {
        observer_(request, routed.route, sent, std::chrono::steady_clock::now() - routed.started);
    } catch (...) {
        // Counting a request must never cost its answer.
    }
}

const Router::Entry* Router::match(const Request& request, std::string_view& matched,
                                   std::optional<Response>& refusal) const {
    const std::string_view path = path_of(request);
    const std::pair<const std::string, Verbs>* route = nullptr;
    if (auto exact = routes_.find(path); exact != routes_.end()) {
        route = &*exact;
    } else {
        // The longest registered prefix of the path, if any.
        for (const auto& entry : prefixes_)
            if (path.starts_with(entry.first) && path.size() > entry.first.size() &&
                (route == nullptr || entry.first.size() > route->first.size()))
                route = &entry;
        if (route == nullptr) {
            refusal = text_response(Status::not_found, "not found\n");
            return nullptr;
        }
    }
    matched = route->first;

    const auto entry = route->second.find(request.method());
    if (entry == route->second.end()) {
        refusal = text_response(Status::method_not_allowed, "method not allowed\n");
        refusal->set(Field::allow, allow_header(route->second));
        return nullptr;
    }
    return &entry->second;
}

}  // namespace firebreak::http
