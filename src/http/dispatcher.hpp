#pragma once
// Routes the requests sessions have read. Each route's stage runs on the session's thread
// (Router::prepare); the rest on the application's io_context: one by one, or, with a
// Batching, the ones that arrive together as one group (group commit). The sessions may run
// on that context too, or on another (IoThread).

#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "firebreak/http/message.hpp"
#include "firebreak/http/router.hpp"
#include "firebreak/http/server.hpp"

namespace firebreak::http {

class Dispatcher : public std::enable_shared_from_this<Dispatcher> {
  public:
    /// Takes a request's response; called once, on the dispatcher's strand, or from within
    /// submit() when the route's stage answered or that routed at once.
    using Reply = std::function<void(Response)>;

    /// Routes on `app`, the context whose thread owns the router's handlers and the store.
    Dispatcher(boost::asio::io_context& app, std::shared_ptr<const Router> router,
               std::optional<Batching> batching);

    /// Routes `request` and passes its response to `reply`. Safe from any thread; the
    /// route's stage runs on the calling one. Without batching, a request submitted on a
    /// thread running `app` is finished at once; from any other thread it is posted to
    /// `app`.
    void submit(Request request, Reply reply);

  private:
    struct Pending {
        Request request;
        Reply reply;
        Router::Prepared prepared;
    };

    /// Runs what the stage left, and tells the observer.
    Response finish(const Request& request, Router::Prepared prepared) const;

    /// Routes what has queued up since the last group, in groups of at most max_requests.
    void run_group();
    /// Batching::close(), with a throw taken as false.
    bool close_group();

    const std::shared_ptr<const Router> router_;
    const std::optional<Batching> batching_;
    boost::asio::io_context& app_;
    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    std::mutex mutex_;
    std::vector<Pending> queued_;  // guarded by mutex_
    bool scheduled_ = false;       // guarded by mutex_: a run_group() is posted
};

}  // namespace firebreak::http
