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

/// Runs on an I/O thread, synchronously: keep it short (parse, one SQLite commit, reply).
/// It may throw; the router turns that into a 500.
using Handler = std::function<Response(const Request&)>;

/// Exact-path routing. Built before the server starts, read-only afterwards, so concurrent
/// route() calls are safe as long as the handlers are.
class Router {
  public:
    /// Told about every routed request once its response exists: `route` is the registered
    /// path that matched, or "unmatched"; `elapsed` is the time route() took.
    using Observer = std::function<void(const Request&, std::string_view route, Status,
                                        std::chrono::nanoseconds elapsed)>;

    /// Registers `handler` for `verb` on `path`. The path is matched exactly against the
    /// request target without its query string ("/readyz?x=1" matches "/readyz").
    /// Throws std::invalid_argument when `verb` is already registered on `path`.
    void add(Verb verb, std::string path, Handler handler);

    /// The handler's response; 404 for an unknown path; 405 with an Allow header for a known
    /// path and another method; 500 with a generic body (and an error log line) when the
    /// handler throws. Never throws itself.
    Response route(const Request& request) const;

    /// Sets the observer route() calls after each request; set it before serving. An
    /// observer that throws is ignored.
    void set_observer(Observer observer) { observer_ = std::move(observer); }

  private:
    /// The response; sets `matched` to the registered path when one matches.
    Response dispatch(const Request& request, std::string_view& matched) const;

    Observer observer_;
    std::map<std::string, std::map<Verb, Handler>, std::less<>> routes_;
};

}  // namespace firebreak::http
