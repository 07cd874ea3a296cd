#include "firebreak/slack/socket_mode_transport.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <set>

namespace firebreak::slack {

ConnectionGrant grant_from(const ApiResult& result) {
    ConnectionGrant grant;
    if (result.ok()) {
        if (result.body.contains("url") && result.body["url"].is_string())
            grant.url = result.body["url"].get<std::string>();
        if (grant.url.empty()) grant.error = "the answer has no url";
        return grant;
    }
    grant.error = result.error.empty() ? "unknown error" : result.error;
    if (result.retry_after)
        grant.retry_after = std::chrono::duration_cast<std::chrono::seconds>(*result.retry_after);
    // The token itself is refused: the same call can only be refused again.
    static const std::set<std::string, std::less<>> fatal = {
        "invalid_auth",   "not_authed",    "not_allowed_token_type", "account_inactive",
        "token_revoked",  "token_expired", "missing_scope",          "no_permission",
        "invalid_app_id", "app_deleted",
    };
    grant.fatal = result.kind == ApiResult::Kind::error && fatal.contains(grant.error);
    return grant;
}

SlackSocketTransport::SlackSocketTransport(boost::asio::io_context& ioc, std::string api_base_url,
                                           std::string app_token, std::string ca_file)
    : ioc_(ioc),
      api_(std::move(api_base_url), std::move(app_token)),
      tls_(http::make_client_tls_context(ca_file)) {}

SlackSocketTransport::~SlackSocketTransport() {
    caller_.join();
}

void SlackSocketTransport::open_connection(std::function<void(ConnectionGrant)> done) {
    boost::asio::post(caller_, [this, done = std::move(done)]() mutable {
        // No arguments: the app-level token in the Authorization header is all it reads.
        ConnectionGrant grant = grant_from(api_.call_form("apps.connections.open", {}));
        boost::asio::post(ioc_, [done = std::move(done), grant = std::move(grant)]() mutable {
            done(std::move(grant));
        });
    });
}

std::shared_ptr<http::WebSocket> SlackSocketTransport::dial(const std::string& url,
                                                            http::WebSocketHandlers handlers) {
    return http::connect_websocket(ioc_, url, tls_, http::WebSocketOptions{}, std::move(handlers));
}

}  // namespace firebreak::slack
