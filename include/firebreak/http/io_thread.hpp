#pragma once
// An io_context on a thread of its own, for the servers' connections: accepting, reading and
// parsing requests, TLS, and writing responses happen there, while the requests themselves
// are routed (verified, applied, committed) on the application's io_context.

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <optional>
#include <string>
#include <thread>

namespace firebreak::http {

class IoThread {
  public:
    /// `name` is the thread's name as `top -H` and `perf` show it (at most 15 characters).
    explicit IoThread(std::string name = "fb-connections");
    /// Stops the context if it still runs and joins the thread: connections still open are
    /// dropped unanswered. A graceful stop calls release() and lets `app` run out first.
    ~IoThread();
    IoThread(const IoThread&) = delete;
    IoThread& operator=(const IoThread&) = delete;

    /// The context to give Server for its connections.
    boost::asio::io_context& context() { return ioc_; }

    /// Starts the thread; call once. Until the thread ends, `app` does not run out of work:
    /// its run() returns only after the last connection has closed, so no request read on
    /// this thread is left waiting for a context that has stopped.
    void start(boost::asio::io_context& app);

    /// Lets the thread end once nothing is left to do on it: after Server::stop(), once every
    /// connection has been answered and closed. Call from the thread that called start().
    void release();

  private:
    using Work = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;

    std::string name_;
    boost::asio::io_context ioc_;
    std::optional<Work> work_;  // keeps ioc_ running between connections
    std::thread thread_;
};

}  // namespace firebreak::http
