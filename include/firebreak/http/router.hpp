#pragma once
// Maps (method, path) to a handler; the server calls it once per request.

#include <functional>
#include <map>
#include <string>

#include "firebreak/http/message.hpp"

namespace firebreak::http {

/// Runs on an I/O thread, synchronously: keep it short (parse, one SQLite commit, reply).
/// It may throw; the router turns that into a 500.
using Handler = std::function<Response(const Request&)>;

/// Exact-path routing. Built before the server starts, read-only afterwards, so concurrent
/// route() calls are safe as long as the handlers are.
class Router {
  public:
    /// Registers `handler` for `verb` on `path`. The path is matched exactly against the
    /// request target without its query string ("/readyz?x=1" matches "/readyz").
    /// Throws std::invalid_argument when `verb` is already registered on `path`.
    void add(Verb verb, std::string path, Handler handler);

    /// The handler's response; 404 for an unknown path; 405 with an Allow header for a known
    /// path and another method; 500 with a generic body (and an error log line) when the
    /// handler throws. Never throws itself.
    Response route(const Request& request) const;

  private:
    std::map<std::string, std::map<Verb, Handler>, std::less<>> routes_;
};

}  // namespace firebreak::http
