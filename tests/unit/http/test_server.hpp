#pragma once
// A real Server on 127.0.0.1 (port 0), its io_context run by one background thread.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "firebreak/http/router.hpp"
#include "firebreak/http/server.hpp"
#include "firebreak/http/server_limits.hpp"

namespace firebreak::http::testing {

class TestServer {
  public:
    /// `threads` run the io_context, as a server on several cores would. With `batching`,
    /// requests that arrive together are routed as one group (Server::set_batching).
    explicit TestServer(std::shared_ptr<const Router> router, ServerLimits limits = {},
                        std::shared_ptr<boost::asio::ssl::context> tls = nullptr, int threads = 1,
                        std::optional<Batching> batching = std::nullopt)
        : server_(ioc_, std::move(router), limits, std::move(tls)) {
        if (batching) server_.set_batching(std::move(*batching));
        port_ = server_.listen("127.0.0.1", 0);
        for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { ioc_.run(); });
    }
    ~TestServer() { stop_and_join(); }
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    std::uint16_t port() const { return port_; }
    Server& server() { return server_; }

    /// Stops the server and waits for io_context::run() to return.
    void stop_and_join() {
        server_.stop();
        join();
    }

    /// Waits for io_context::run() to return (after a stop() from elsewhere).
    void join() {
        for (auto& thread : threads_) {
            if (thread.joinable()) thread.join();
        }
    }

  private:
    boost::asio::io_context ioc_;
    Server server_;
    std::uint16_t port_ = 0;
    std::vector<std::thread> threads_;
};

}  // namespace firebreak::http::testing
