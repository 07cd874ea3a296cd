#include "slack_socket.hpp"

#include <stdexcept>

#include "firebreak/core/time.hpp"

namespace firebreak::cli {
namespace {

boost::asio::io_context& io_of(const PlatformWiring& w) {
    if (!w.ioc || !w.batching)
        throw std::logic_error("Socket Mode needs the server's io_context and group commit");
    return *w.ioc;
}

}  // namespace

SlackSocket::SlackSocket(const PlatformWiring& w)
    : clock_(w.clock),
      timers_(slack::asio_timers(io_of(w))),
      transport_(io_of(w), w.config.slack.api_base_url, w.config.slack.app_token.value()) {
    slack::SocketModeSettings settings;
    settings.timeline_emoji = w.config.slack.timeline_emoji;
    slack::SocketModeObserver observer;
    auto metrics = w.metrics;
    observer.envelope = [metrics](const std::string& type) { metrics->socket_envelope(type); };
    observer.reconnect = [metrics](const std::string& reason) {
        metrics->socket_reconnect(reason);
    };
    observer.acked = [metrics](std::chrono::nanoseconds latency) {
        metrics->socket_acked(latency);
    };
    mode_ = std::make_unique<slack::SlackSocketMode>(
        *w.ioc, w.front_door, w.clock, transport_, *timers_,
        [this] { return std::uniform_real_distribution<double>(0.0, 1.0)(random_); }, w.batching(),
        std::move(settings), std::move(observer));
    mode_->start();
}

void SlackSocket::stop_serving() {
    mode_->shutdown();
}

web::Check SlackSocket::check() const {
    return socket_mode_check(mode_->status());
}

web::Check socket_mode_check(const slack::SocketModeStatus& status) {
    web::Check check{"slack_socket_mode", false, ""};
    if (!status.stopped.empty()) {
        check.detail = "stopped: " + status.stopped;
        return check;
    }
    check.ok = !status.open_since.empty();
    check.detail = std::to_string(status.open_since.size()) + " of " +
                   std::to_string(status.wanted) + " connection(s) open";
    std::string since;
    for (const auto& t : status.open_since)
        since += (since.empty() ? "" : ", ") + core::format_iso8601(t);
    if (!since.empty()) check.detail += " (since " + since + ")";
    return check;
}

}  // namespace firebreak::cli
