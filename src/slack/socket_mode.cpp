#include "firebreak/slack/socket_mode.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <mutex>

#include "firebreak/slack/decode.hpp"

namespace firebreak::slack {
namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

class AsioTimers final : public SocketTimers {
  public:
    explicit AsioTimers(boost::asio::io_context& ioc) : ioc_(ioc) {}
    TimePoint now() const override { return std::chrono::steady_clock::now(); }
    void after(milliseconds delay, std::function<void()> fn) override {
        auto timer = std::make_shared<boost::asio::steady_timer>(ioc_, delay);
        std::erase_if(timers_, [](const auto& t) { return t.expired(); });
        timers_.push_back(timer);
        timer->async_wait([timer, fn = std::move(fn)](const boost::system::error_code& ec) {
            if (!ec) fn();  // operation_aborted: cancelled, or the io_context is going away
        });
    }
    void cancel_all() override {
        for (auto& weak : timers_)
            if (auto timer = weak.lock()) timer->cancel();
        timers_.clear();
    }

  private:
    boost::asio::io_context& ioc_;
    std::vector<std::weak_ptr<boost::asio::steady_timer>> timers_;
};

}  // namespace

std::unique_ptr<SocketTimers> asio_timers(boost::asio::io_context& ioc) {
    return std::make_unique<AsioTimers>(ioc);
}

struct SlackSocketMode::Link {
    enum class State {
        connecting,  ///< dialed, no hello yet
        open,        ///< hello received: Slack may send envelopes
        draining,    ///< Slack warned it will close it; a replacement is on its way
        closing,     ///< we are closing it
    };
    std::uint64_t id = 0;
    std::shared_ptr<http::WebSocket> ws;
    State state = State::connecting;
    SocketTimers::TimePoint last_heard{};
    core::Timestamp open_since{};
};

struct SlackSocketMode::Shared {
    mutable std::mutex mutex;
    SocketModeStatus status;  // guarded by mutex
};

SlackSocketMode::SlackSocketMode(boost::asio::io_context& ioc, app::FrontDoor& front_door,
                                 const app::Clock& clock, SocketModeTransport& transport,
                                 SocketTimers& timers, std::function<double()> random,
                                 std::optional<http::Batching> batching,
                                 SocketModeSettings settings, SocketModeObserver observer)
    : ioc_(ioc),
      front_door_(front_door),
      clock_(clock),
      transport_(transport),
      timers_(timers),
      random_(std::move(random)),
      batching_(std::move(batching)),
      settings_(std::move(settings)),
      observer_(std::move(observer)),
      shared_(std::make_shared<Shared>()) {
    settings_.connections = std::max(settings_.connections, 1);
    shared_->status.wanted = settings_.connections;
}

SlackSocketMode::~SlackSocketMode() {
    alive_.reset();  // nothing scheduled runs from now on
    for (auto& [id, link] : links_) link->ws->abort();
}

std::function<void()> SlackSocketMode::guarded(std::function<void()> fn) {
    return [alive = std::weak_ptr<bool>(alive_), fn = std::move(fn)] {
        if (!alive.expired()) fn();
    };
}

void SlackSocketMode::start() {
    running_ = true;
    ensure();
}

void SlackSocketMode::shutdown() {
    running_ = false;
    timers_.cancel_all();
    close_all();
}

void SlackSocketMode::close_all() {
    for (auto& [id, link] : links_) {
        // A connection that has not said hello has brought nothing to acknowledge: it is
        // dropped rather than closed with a handshake.
        const bool said_hello = link->state != Link::State::connecting;
        link->state = Link::State::closing;
        if (said_hello)
            link->ws->close();
        else
            link->ws->abort();
    }
    publish_status();
}

SocketModeStatus SlackSocketMode::status() const {
    std::lock_guard lock(shared_->mutex);
    return shared_->status;
}

void SlackSocketMode::publish_status() {
    SocketModeStatus status;
    status.wanted = settings_.connections;
    status.stopped = stopped_;
    for (const auto& [id, link] : links_)
        if (link->state == Link::State::open || link->state == Link::State::draining)
            status.open_since.push_back(link->open_since);
    std::lock_guard lock(shared_->mutex);
    shared_->status = std::move(status);
}

void SlackSocketMode::ensure() {
    if (!running_ || !stopped_.empty() || attempting_) return;
    const auto live = std::count_if(links_.begin(), links_.end(), [](const auto& entry) {
        return entry.second->state == Link::State::connecting ||
               entry.second->state == Link::State::open;
    });
    if (live >= settings_.connections) return;
    const auto now = timers_.now();
    if (now < not_before_) {
        if (retry_armed_) return;
        retry_armed_ = true;
        timers_.after(duration_cast<milliseconds>(not_before_ - now) + milliseconds(1),
                      guarded([this] {
                          retry_armed_ = false;
                          ensure();
                      }));
        return;
    }
    // One connection is opened at a time, up to its hello: a burst of failures cannot
    // become a burst of calls.
    attempting_ = true;
    transport_.open_connection([this, alive = std::weak_ptr<bool>(alive_)](ConnectionGrant g) {
        if (!alive.expired()) on_grant(std::move(g));
    });
}

std::chrono::milliseconds SlackSocketMode::backoff() {
    // Doubling from backoff_first up to backoff_max; half of it fixed, half random, so that
    // many instances restarted together do not reconnect in step.
    const int doublings = std::min(failures_ - 1, 20);
    const milliseconds base = std::min<milliseconds>(
        settings_.backoff_max, milliseconds(settings_.backoff_first.count() << doublings));
    double r = std::clamp(random_ ? random_() : 0.5, 0.0, 1.0);
    return milliseconds(base.count() / 2 + static_cast<long long>(base.count() / 2.0 * r));
}

void SlackSocketMode::failed_attempt(const std::string& why,
                                     std::optional<std::chrono::seconds> retry_after) {
    ++failures_;
    auto wait = backoff();
    if (retry_after) wait = std::max<milliseconds>(wait, *retry_after);
    not_before_ = timers_.now() + wait;
    spdlog::warn("slack socket mode: {}; trying again in {:.1f} s (attempt {})", why,
                 wait.count() / 1000.0, failures_ + 1);
    ensure();
}

void SlackSocketMode::on_grant(ConnectionGrant grant) {
    attempting_ = false;
    if (!running_ || !stopped_.empty()) return;
    if (grant.url.empty()) {
        if (grant.fatal)
            return stop_for_good("apps.connections.open refused the app-level token (" +
                                 grant.error +
                                 "): set slack.app_token to an xapp- token with the "
                                 "connections:write scope");
        return failed_attempt("apps.connections.open failed: " + grant.error, grant.retry_after);
    }
    attempting_ = true;  // until this connection's hello, or its end
    const std::uint64_t id = next_id_++;
    auto link = std::make_unique<Link>();
    link->id = id;
    link->last_heard = timers_.now();
    auto alive = std::weak_ptr<bool>(alive_);
    auto heard = [this, alive, id] {
        if (alive.expired()) return;
        if (auto it = links_.find(id); it != links_.end()) it->second->last_heard = timers_.now();
    };
    http::WebSocketHandlers handlers;
    handlers.opened = heard;
    handlers.control = heard;
    handlers.text = [this, alive, id](std::string text) {
        if (!alive.expired()) on_text(id, std::move(text));
    };
    handlers.skipped = [id](const std::string& why) {
        spdlog::warn("slack socket mode: connection {}: skipped a {}", id, why);
    };
    handlers.closed = [this, alive, id](const std::string& why) {
        if (!alive.expired()) on_closed(id, why);
    };
    link->ws = transport_.dial(grant.url, std::move(handlers));
    links_.emplace(id, std::move(link));
    timers_.after(settings_.ping_every, guarded([this, id] { tick(id); }));
}

void SlackSocketMode::on_text(std::uint64_t id, std::string text) {
    auto it = links_.find(id);
    if (it == links_.end()) return;
    Link& link = *it->second;
    link.last_heard = timers_.now();
    auto parsed = parse_socket_message(text);
    if (const auto* error = std::get_if<std::string>(&parsed)) {
        spdlog::warn("slack socket mode: connection {}: skipped a malformed message ({} bytes): {}",
                     id, text.size(), *error);
        return;
    }
    auto& message = std::get<SocketMessage>(parsed);
    if (auto* hello = std::get_if<SocketHello>(&message)) return on_hello(link, *hello);
    if (auto* bye = std::get_if<SocketDisconnect>(&message))
        return on_disconnect(link, bye->reason);
    if (auto* other = std::get_if<SocketOther>(&message)) {
        spdlog::info("slack socket mode: connection {}: skipped a message of type '{}'", id,
                     other->type);
        return;
    }
    auto& envelope = std::get<SocketEnvelope>(message);
    if (observer_.envelope) observer_.envelope(envelope.type);
    pending_.push_back(Pending{id, std::move(envelope), std::chrono::steady_clock::now()});
    if (flush_posted_) return;
    // Posted, not run now: envelopes read in the same wake-up join one commit.
    flush_posted_ = true;
    boost::asio::post(ioc_, guarded([this] { flush(); }));
}

void SlackSocketMode::on_hello(Link& link, const SocketHello& hello) {
    if (link.state != Link::State::connecting) return;
    link.state = Link::State::open;
    link.open_since = clock_.now();
    attempting_ = false;
    failures_ = 0;
    spdlog::info("slack socket mode: connection {} open ({}, {} connection(s) at Slack)", link.id,
                 hello.host.empty() ? "no host given" : hello.host, hello.num_connections);
    // The replacement is up: only now do the connections Slack is retiring go, after the
    // acks of what they brought (the flush already posted runs first).
    boost::asio::post(ioc_, guarded([this] {
                          for (auto& [id, other] : links_) {
                              if (other->state != Link::State::draining) continue;
                              other->state = Link::State::closing;
                              other->ws->close();
                          }
                      }));
    publish_status();
    ensure();
}

void SlackSocketMode::on_disconnect(Link& link, const std::string& reason) {
    if (reason == "link_disabled")
        return stop_for_good(
            "Slack sent link_disabled: Socket Mode is turned off for this app (turn it on "
            "under Socket Mode in the app's settings, then restart firebreak)");
    spdlog::info(
        "slack socket mode: connection {}: Slack will close it ({}); opening its "
        "replacement first",
        link.id, reason.empty() ? "no reason given" : reason);
    if (link.state == Link::State::connecting) attempting_ = false;
    if (link.state == Link::State::connecting || link.state == Link::State::open) {
        link.state = Link::State::draining;
        if (observer_.reconnect) observer_.reconnect(reason.empty() ? "disconnect" : reason);
    }
    ensure();
}

void SlackSocketMode::on_closed(std::uint64_t id, const std::string& why) {
    auto it = links_.find(id);
    if (it == links_.end()) return;
    const Link::State state = it->second->state;
    links_.erase(it);
    publish_status();
    if (state == Link::State::connecting) {
        attempting_ = false;
        if (running_ && stopped_.empty())
            failed_attempt("connection " + std::to_string(id) + " did not open: " + why,
                           std::nullopt);
        return;
    }
    if (state == Link::State::open) {
        spdlog::warn("slack socket mode: connection {} lost: {}", id, why);
        if (observer_.reconnect && running_) observer_.reconnect("dropped");
    } else {
        spdlog::info("slack socket mode: connection {} closed: {}", id, why);
    }
    ensure();
}

void SlackSocketMode::tick(std::uint64_t id) {
    auto it = links_.find(id);
    if (it == links_.end()) return;
    Link& link = *it->second;
    const auto silent = timers_.now() - link.last_heard;
    if (silent >= settings_.dead_after) {
        spdlog::warn("slack socket mode: connection {}: nothing heard for {} s, a dead link", id,
                     duration_cast<std::chrono::seconds>(silent).count());
        const Link::State state = link.state;
        if (state == Link::State::open || state == Link::State::draining) {
            if (observer_.reconnect) observer_.reconnect("dead_link");
            link.state = Link::State::closing;  // counted here, not again as dropped
        }
        link.ws->abort();
        return;
    }
    if (link.state != Link::State::connecting) link.ws->ping();
    timers_.after(settings_.ping_every, guarded([this, id] { tick(id); }));
}

void SlackSocketMode::flush() {
    flush_posted_ = false;
    std::deque<Pending> batch;
    batch.swap(pending_);
    bool grouped = false;
    if (batching_) {
        try {
            batching_->open();
            grouped = true;
        } catch (const std::exception& e) {
            // Each envelope still gets its own transaction, committed before its ack.
            spdlog::warn("slack socket mode: could not open a group for {} envelope(s): {}",
                         batch.size(), e.what());
        }
    }
    struct Ack {
        std::uint64_t link;
        std::string text;
        std::chrono::steady_clock::time_point received;
    };
    std::vector<Ack> acks;
    acks.reserve(batch.size());
    for (Pending& p : batch) {
        const SocketEnvelope& envelope = p.envelope;
        Decoded decoded = decode_envelope(envelope, settings_.timeline_emoji, clock_.now());
        if (decoded.refusal) {
            // Acknowledged all the same: sent again, it would be refused again.
            spdlog::warn("slack socket mode: envelope {} ({}) skipped: {}", envelope.envelope_id,
                         envelope.type, *decoded.refusal);
            acks.push_back({p.link, socket_ack(envelope.envelope_id, std::nullopt), p.received});
            continue;
        }
        try {
            Applied applied = apply(front_door_, decoded);
            for (const auto& key : applied.duplicates)
                spdlog::info("slack socket mode: envelope {} already handled as {} (retry {}, {})",
                             envelope.envelope_id, key, envelope.retry_attempt,
                             envelope.retry_reason.empty() ? "-" : envelope.retry_reason);
            std::optional<nlohmann::json> payload;
            if (envelope.accepts_response_payload) payload = std::move(applied.body);
            acks.push_back({p.link, socket_ack(envelope.envelope_id, payload), p.received});
        } catch (const std::exception& e) {
            spdlog::error(
                "slack socket mode: envelope {} not applied, not acknowledged (Slack "
                "sends it again): {}",
                envelope.envelope_id, e.what());
        }
    }
    bool kept = true;
    if (grouped) {
        try {
            kept = batching_->close();
        } catch (const std::exception& e) {
            spdlog::error("slack socket mode: closing a group failed: {}", e.what());
            kept = false;
        }
    }
    if (!kept) {
        spdlog::error(
            "slack socket mode: {} envelope(s) could not be saved; none is "
            "acknowledged, Slack sends them again",
            batch.size());
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    for (Ack& ack : acks) {
        auto it = links_.find(ack.link);
        // Its connection is gone: Slack sends the envelope again on another, and the
        // dedupe key just committed makes that a no-op.
        if (it == links_.end()) continue;
        it->second->ws->send(std::move(ack.text));
        if (observer_.acked) observer_.acked(now - ack.received);
    }
}

void SlackSocketMode::stop_for_good(std::string why) {
    spdlog::error("slack socket mode: stopped, not reconnecting: {}", why);
    stopped_ = std::move(why);
    close_all();
}

}  // namespace firebreak::slack
