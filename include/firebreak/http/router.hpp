#pragma once
// Maps (method, path) to a handler; the server calls it once per request.

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "firebreak/http/message.hpp"

namespace firebreak::http {

/// Runs synchronously on a thread that runs the server's application context (the one it
/// routes on), never on an IoThread's: keep it short (parse, one SQLite commit, reply).
/// It may throw; the router turns that into a 500.
using Handler = std::function<Response(const Request&)>;

/// What a stage made of a request: its answer, or the rest of the work, for the
/// application's thread.
struct Staged {
    std::optional<Response> answer;  ///< answered where the request was read
    Handler rest;                    ///< else: runs on the application's thread
};

/// Staged{answer}: the request is answered at once, and never reaches the application's
/// thread.
Staged answered(Response response);
/// Staged{rest}: the application's thread finishes it.
Staged deferred(Handler rest);

/// A route's first half, run on the thread that read the request (an IoThread's, or the
/// application's when they are one) before the request is queued for the application's
/// thread: checks and decodes what needs no application state (a signature, a form), so
/// that refusals cost that thread nothing. It may run on several threads at once and
/// alongside the application's thread: it must touch nothing they write. It may throw;
/// the router turns that into a 500.
using Stage = std::function<Staged(const Request&)>;

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

    /// A request whose route has been matched and its stage run: answered already, or
    /// with work left for the application's thread (finish()).
    struct Prepared {
        Routed routed;                     ///< the response, once there is one
        const Handler* handler = nullptr;  ///< a route added as a Handler: all of it is left
        Handler rest;                      ///< a staged route's rest

        /// Nothing is left: routed.response is final, and finish() does nothing.
        bool answered() const { return handler == nullptr && !rest; }
    };

    /// Registers `handler` for `verb` on `path`. The path is matched exactly against the
    /// request target without its query string ("/readyz?x=1" matches "/readyz").
    /// Throws std::invalid_argument when `verb` is already registered on `path`.
    void add(Verb verb, std::string path, Handler handler);

    /// Registers `handler` for `verb` on every path that starts with `prefix` and matches no
    /// exact route ("/status/incidents/" serves "/status/incidents/ab12"); the longest
    /// matching prefix wins. Throws std::invalid_argument when registered twice.
    void add_prefix(Verb verb, std::string prefix, Handler handler);

    /// Registers `stage` for `verb` on `path`: the stage runs where the request was read
    /// (prepare()), its rest on the application's thread (finish()). Throws
    /// std::invalid_argument when `verb` is already registered on `path`.
    void add_staged(Verb verb, std::string path, Stage stage);

    /// The handler's response (a staged route's stage and rest, both here); 404 for an
    /// unknown path; 405 with an Allow header for a known path and another method; 500 with
    /// a generic body (and an error log line) when the handler throws. Never throws itself.
    Response route(const Request& request) const;

    /// route()'s first half, on the thread that read the request: matches the route and
    /// runs its stage. A 404, a 405, a stage's answer or its 500 leaves the request
    /// answered. Never throws.
    Prepared prepare(const Request& request) const;

    /// route()'s second half, on the application's thread: runs what prepare() left, and
    /// returns the response without telling the observer, for a caller that may still
    /// replace it (a group that was not kept is answered 503). It calls observe() with
    /// what it sent. Never throws.
    Routed finish(const Request& request, Prepared prepared) const;

    /// Tells the observer, if any, that `routed.route` was answered `sent` now. An
    /// observer that throws is ignored.
    void observe(const Request& request, const Routed& routed, Status sent) const;

    /// Sets the observer route() calls after each request; set it before serving. An
    /// observer that throws is ignored.
    void set_observer(Observer observer) { observer_ = std::move(observer); }

  private:
    /// One verb on one path: a whole handler, or a stage.
    struct Entry {
        Handler handler;
        Stage stage;
    };
    using Verbs = std::map<Verb, Entry>;

    void add_entry(std::map<std::string, Verbs, std::less<>>& table, Verb verb, std::string path,
                   Entry entry, const char* what);
    /// The entry for the request, or its 404 or 405; sets `matched` to the registered path
    /// when one matches.
    const Entry* match(const Request& request, std::string_view& matched,
                       std::optional<Response>& refusal) const;

    Observer observer_;
    std::map<std::string, Verbs, std::less<>> routes_;
    std::map<std::string, Verbs, std::less<>> prefixes_;
};

}  // namespace firebreak::http
