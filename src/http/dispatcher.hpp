#pragma once
// Routes the requests sessions have read: at once, one by one, or, with a Batching, the
// ones that arrive together as one group (group commit).

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
    /// Takes a request's response; called once, from the dispatcher's strand when
    /// batching, else from within submit().
    using Reply = std::function<void(Response)>;

    Dispatcher(boost::asio::io_context& ioc, std::shared_ptr<const Router> router,
               std::optional<Batching> batching);

    /// Routes `request` and passes its response to `reply`. Safe from any thread.
    void submit(Request request, Reply reply);

  private:
    struct Pending {
        Request request;
        Reply reply;
    };

    /// Routes what has queued up since the last group, in groups of at most max_requests.
    void run_group();
    /// Batching::close(), with a throw taken as false.
    bool close_group();

    const std::shared_ptr<const Router> router_;
    const std::optional<Batching> batching_;
    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    std::mutex mutex_;
    std::vector<Pending> queued_;  // guarded by mutex_
    bool scheduled_ = false;       // guarded by mutex_: a run_group() is posted
};

}  // namespace firebreak::http
