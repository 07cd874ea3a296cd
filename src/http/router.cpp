#include "firebreak/http/router.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>
#include <stdexcept>
#include <string_view>
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
std::string allow_header(const std::map<Verb, Handler>& handlers) {
    std::string allow;
    for (const auto& [verb, handler] : handlers) {
        if (!allow.empty()) allow += ", ";
        allow += to_std(boost::beast::http::to_string(verb));
    }
    return allow;
}

}  // namespace

void Router::add(Verb verb, std::string path, Handler handler) {
    auto& handlers = routes_[path];
    if (!handlers.emplace(verb, std::move(handler)).second) {
        throw std::invalid_argument("http route registered twice: " +
                                    std::string(to_std(boost::beast::http::to_string(verb))) + " " +
                                    path);
    }
}

void Router::add_prefix(Verb verb, std::string prefix, Handler handler) {
    auto& handlers = prefixes_[prefix];
    if (!handlers.emplace(verb, std::move(handler)).second) {
        throw std::invalid_argument("http prefix route registered twice: " +
                                    std::string(to_std(boost::beast::http::to_string(verb))) + " " +
                                    prefix);
    }
}

Response Router::route(const Request& request) const {
    Routed routed = route_unobserved(request);
    observe(request, routed, routed.response.result());
    return std::move(routed.response);
}

Router::Routed Router::route_unobserved(const Request& request) const {
    Routed routed{Response{}, "unmatched", std::chrono::steady_clock::now()};
    routed.response = dispatch(request, routed.route);
    return routed;
}

void Router::observe(const Request& request, const Routed& routed, Status sent) const {
    if (!observer_) return;
    try {
        observer_(request, routed.route, sent, std::chrono::steady_clock::now() - routed.started);
    } catch (...) {
        // Counting a request must never cost its answer.
    }
}

Response Router::dispatch(const Request& request, std::string_view& matched) const {
    const std::string_view path = path_of(request);
    const std::pair<const std::string, std::map<Verb, Handler>>* route = nullptr;
    if (auto exact = routes_.find(path); exact != routes_.end()) {
        route = &*exact;
    } else {
        // The longest registered prefix of the path, if any.
        for (const auto& entry : prefixes_)
            if (path.starts_with(entry.first) && path.size() > entry.first.size() &&
                (route == nullptr || entry.first.size() > route->first.size()))
                route = &entry;
        if (route == nullptr) return text_response(Status::not_found, "not found\n");
    }
    matched = route->first;

    const auto handler = route->second.find(request.method());
    if (handler == route->second.end()) {
        Response response = text_response(Status::method_not_allowed, "method not allowed\n");
        response.set(Field::allow, allow_header(route->second));
        return response;
    }

    // A handler bug must cost one request a 500, never the connection or the server.
    try {
        return handler->second(request);
    } catch (const std::exception& e) {
        spdlog::error("http: {} {} failed: {}", to_std(request.method_string()), path, e.what());
    } catch (...) {
        spdlog::error("http: {} {} failed: unknown exception", to_std(request.method_string()),
                      path);
    }
    return text_response(Status::internal_server_error, "internal server error\n");
}

}  // namespace firebreak::http
