#pragma once
// Maps (method, path) to a handler; the server calls it once per request.

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "firebreak/http/message.hpp"

namespace firebreak::http {

/// Runs synchronously on a thread that runs the server's application context (the one it
/// routes on), never on an IoThread's: keep it short (parse, one SQLite commit, reply).
/// It may throw; the router turns that into a 500.
using Handler = std::function<Response(const Request&)>;

/// Exact-path routing. Built before the server starts, read-only afterwards, so concurrent
/// route() calls are safe as long as the handlers are.
class Router {
  public:
    /// Told about every routed request once its response is final: `route` is the
    /// registered path that matched, or "unmatched"; `status` is what was sent; `elapsed`
    /// is the time route() took or, for a request in a commit group, the time until the
    /// group's commit decided its answer.
    using Observer = std::function<void(const Request&, std::string_view route, Status,
                                        std::chrono::nanoseconds elapsed)>;

    /// A response the observer has not been told about yet.
    struct Routed {
        Response response;
        std::string_view route;  ///< the registered path, or "unmatched"
        std::chrono::steady_clock::time_point started;
    };

    /// Registers `handler` for `verb` on `path`. The path is matched exactly against the
    /// request target without its query string ("/readyz?x=1" matches "/readyz").
    /// Throws std::invalid_argument when `verb` is already registered on `path`.
    void add(Verb verb, std::string path, Handler handler);

    /// Registers `handler` for `verb` on every path that starts with `prefix` and matches no
    /// exact route ("/status/incidents/" serves "/status/incidents/ab12"); the longest
    /// matching prefix wins. Throws std::invalid_argument when registered twice.
    void add_prefix(Verb verb, std::string prefix, Handler handler);

    /// The handler's response; 404 for an unknown path; 405 with an Allow header for a known
    /// path and another method; 500 with a generic body (and an error log line) when the
    /// handler throws. Never throws itself.
    Response route(const Request& request) const;

    /// As route(), without telling the observer: for a caller that may still replace the
    /// response (a group that was not kept is answered 503). It calls observe() with what
    /// it sent.
    Routed route_unobserved(const Request& request) const;

    /// Tells the observer, if any, that `routed.route` was answered `sent` now. An
    /// observer that throws is ignored.
    void observe(const Request& request, const Routed& routed, Status sent) const;

    /// Sets the observer route() calls after each request; set it before serving. An
    /// observer that throws is ignored.
    void set_observer(Observer observer) { observer_ = std::move(observer); }

  private:
    /// The response; sets `matched` to the registered path when one matches.
    Response dispatch(const Request& request, std::string_view& matched) const;

    Observer observer_;
    std::map<std::string, std::map<Verb, Handler>, std::less<>> routes_;
    std::map<std::string, std::map<Verb, Handler>, std::less<>> prefixes_;
};

}  // namespace firebreak::http
