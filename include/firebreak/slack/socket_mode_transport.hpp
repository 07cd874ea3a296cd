#pragma once
// Socket Mode's real I/O: apps.connections.open through the HTTPS client (on a thread of
// its own, so the front door's thread never waits for Slack), and WebSockets over TLS.

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <memory>
#include <string>

#include "firebreak/http/websocket.hpp"
#include "firebreak/slack/socket_mode.hpp"
#include "firebreak/slack/web_api.hpp"

namespace firebreak::slack {

/// Sorts apps.connections.open's answer into a grant: the URL, a retryable failure (with
/// Retry-After), or a fatal one.
ConnectionGrant grant_from(const ApiResult& result);

class SlackSocketTransport final : public SocketModeTransport {
  public:
    /// `api_base_url` as for SlackWebApi; `app_token` is the xapp- token, sent in the
    /// Authorization header only and never logged. Throws boost::system::system_error when
    /// `ca_file` cannot be read.
    SlackSocketTransport(boost::asio::io_context& ioc, std::string api_base_url,
                         std::string app_token, std::string ca_file = "");
    /// Waits for an apps.connections.open in progress (bounded by the client's timeouts).
    ~SlackSocketTransport() override;

    void open_connection(std::function<void(ConnectionGrant)> done) override;
    std::shared_ptr<http::WebSocket> dial(const std::string& url,
                                          http::WebSocketHandlers handlers) override;

  private:
    boost::asio::io_context& ioc_;
    SlackWebApi api_;
    std::shared_ptr<boost::asio::ssl::context> tls_;
    boost::asio::thread_pool caller_{1};
};

}  // namespace firebreak::slack
