#include "fakes/fake_socket_mode.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <future>

namespace firebreak::fakes {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ws = boost::beast::websocket;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;
using nlohmann::json;

}  // namespace

struct FakeSocketMode::Acceptor {
    explicit Acceptor(asio::io_context& ioc) : acceptor(ioc, tcp::endpoint(tcp::v4(), 0)) {}
    tcp::acceptor acceptor;
};

struct FakeSocketMode::Connection : std::enable_shared_from_this<Connection> {
    Connection(FakeSocketMode& owner_in, tcp::socket socket)
        : owner(owner_in), stream(std::move(socket)) {}

    void start() {
        stream.control_callback([this](ws::frame_type kind, beast::string_view) {
            if (kind == ws::frame_type::ping) {
                std::lock_guard lock(owner.mutex_);
                ++owner.pings_;
            }
        });
        stream.async_accept([self = shared_from_this()](error_code ec) {
            if (ec) return;
            self->owner.on_open(self);
            self->read();
        });
    }

    void read() {
        stream.async_read(buffer, [self = shared_from_this()](error_code ec, std::size_t) {
            // Stalled: the read was cancelled; the connection stays open, unread, and
            // answers no ping (Beast answers them only while a read is pending).
            if (self->stalled) return;
            // error::closed: the client's close frame came first (Beast has answered it).
            if (ec) return self->end(ec == ws::error::closed);
            std::string text = beast::buffers_to_string(self->buffer.data());
            self->buffer.consume(self->buffer.size());
            self->owner.on_ack(self->id, text);
            self->read();
        });
    }

    void write(std::string text, bool binary) {
        queue.emplace_back(std::move(text), binary);
        if (queue.size() == 1) pump();
    }

    void pump() {
        if (queue.empty() || ended) return;
        stream.binary(queue.front().second);
        stream.async_write(asio::buffer(queue.front().first),
                           [self = shared_from_this()](error_code ec, std::size_t) {
                               if (ec) return self->end();
                               self->queue.pop_front();
                               self->pump();
                           });
    }

    void end(bool close_frame = false) {
        if (ended) return;
        ended = true;
        error_code ignored;
        beast::get_lowest_layer(stream).close(ignored);
        if (id != 0) owner.on_closed(id, close_frame);
    }

    FakeSocketMode& owner;
    ws::stream<tcp::socket> stream;
    beast::flat_buffer buffer;
    std::deque<std::pair<std::string, bool>> queue;
    int id = 0;
    bool stalled = false;
    bool ended = false;
};

FakeSocketMode::FakeSocketMode() : acceptor_(std::make_unique<Acceptor>(ioc_)) {
    port_ = acceptor_->acceptor.local_endpoint().port();
    accept();
    thread_ = std::thread([this] { ioc_.run(); });
}

FakeSocketMode::~FakeSocketMode() {
    asio::post(ioc_, [this] {
        error_code ignored;
        acceptor_->acceptor.close(ignored);
        std::vector<std::shared_ptr<Connection>> all;
        {
            std::lock_guard lock(mutex_);
            for (auto& [id, c] : open_) all.push_back(c);
            for (auto& [id, c] : held_) all.push_back(c);
        }
        for (auto& c : all) c->end();
        ioc_.stop();
    });
    thread_.join();
}

void FakeSocketMode::accept() {
    acceptor_->acceptor.async_accept([this](error_code ec, tcp::socket socket) {
        if (ec) return;  // closed: the fake is stopping
        {
            std::lock_guard lock(mutex_);
            ++accepted_;
        }
        std::make_shared<Connection>(*this, std::move(socket))->start();
        accept();
    });
}

std::string FakeSocketMode::next_url() {
    std::lock_guard lock(mutex_);
    return "ws://127.0.0.1:" + std::to_string(port_) +
           "/link/?ticket=" + std::to_string(next_ticket_++);
}

void FakeSocketMode::on_open(const std::shared_ptr<Connection>& connection) {
    std::lock_guard lock(mutex_);
    connection->id = next_connection_++;
    if (hold_hellos_) {
        held_[connection->id] = connection;
        changed_.notify_all();
        return;
    }
    open_[connection->id] = connection;
    json hello{
        {"type", "hello"},
        {"num_connections", open_.size()},
        {"connection_info", {{"app_id", "A1"}}},
        {"debug_info", {{"host", "fake-socket-mode"}, {"approximate_connection_time", 18060}}}};
    connection->write(hello.dump(), false);
    count_open_locked();
    // What waited for a connection goes on this one.
    for (auto& [id, envelope] : unacked_)
        if (envelope.connection == 0) resend_locked(envelope, connection->id);
    changed_.notify_all();
}

void FakeSocketMode::on_closed(int id, bool close_frame) {
    std::lock_guard lock(mutex_);
    ended_[id] = close_frame;
    if (held_.erase(id) > 0) {
        changed_.notify_all();
        return;
    }
    open_.erase(id);
    count_open_locked();
    const int other = open_.empty() ? 0 : open_.begin()->first;
    for (auto& [eid, envelope] : unacked_) {
        if (envelope.connection != id) continue;
        if (other != 0)
            resend_locked(envelope, other);
        else
            envelope.connection = 0;
    }
    changed_.notify_all();
}

void FakeSocketMode::on_ack(int id, const std::string& text) {
    const auto received_at = std::chrono::steady_clock::now();
    json ack = json::parse(text, nullptr, false);
    std::lock_guard lock(mutex_);
    SocketAck recorded;
    recorded.connection = id;
    recorded.received_at = received_at;
    if (ack.is_object()) {
        recorded.envelope_id = ack.value("envelope_id", "");
        if (ack.contains("payload")) recorded.payload = ack["payload"];
    }
    acks_.push_back(recorded);
    if (!lose_acks_) unacked_.erase(recorded.envelope_id);
    changed_.notify_all();
}

void FakeSocketMode::count_open_locked() {
    if (accepted_ == 0 || (fewest_open_ == SIZE_MAX && open_.empty())) return;
    fewest_open_ = std::min(fewest_open_, open_.size());
}

void FakeSocketMode::send_locked(int connection, std::string text, bool binary) {
    auto it = open_.find(connection);
    if (it == open_.end()) return;
    asio::post(ioc_, [c = it->second, text = std::move(text), binary]() mutable {
        c->write(std::move(text), binary);
    });
}

void FakeSocketMode::resend_locked(Envelope& envelope, int connection) {
    ++envelope.attempt;
    envelope.message["retry_attempt"] = envelope.attempt;
    envelope.message["retry_reason"] = "timeout";
    envelope.connection = connection;
    send_locked(connection, envelope.message.dump());
}

std::vector<int> FakeSocketMode::open_connections() const {
    std::lock_guard lock(mutex_);
    std::vector<int> ids;
    for (const auto& [id, c] : open_) ids.push_back(id);
    return ids;
}

bool FakeSocketMode::wait_for_open(std::size_t n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return open_.size() >= n; });
}

void FakeSocketMode::hold_hellos() {
    std::lock_guard lock(mutex_);
    hold_hellos_ = true;
}

bool FakeSocketMode::wait_for_held(std::size_t n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return held_.size() >= n; });
}

std::vector<int> FakeSocketMode::held_connections() const {
    std::lock_guard lock(mutex_);
    std::vector<int> ids;
    for (const auto& [id, c] : held_) ids.push_back(id);
    return ids;
}

std::optional<bool> FakeSocketMode::ended_with_close_frame(int id) const {
    std::lock_guard lock(mutex_);
    auto it = ended_.find(id);
    if (it == ended_.end()) return std::nullopt;
    return it->second;
}

bool FakeSocketMode::wait_for_closed(int id, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout,
                             [&] { return !open_.contains(id) && !held_.contains(id); });
}

std::size_t FakeSocketMode::fewest_open() const {
    std::lock_guard lock(mutex_);
    return fewest_open_ == SIZE_MAX ? 0 : fewest_open_;
}

void FakeSocketMode::reset_fewest() {
    std::lock_guard lock(mutex_);
    fewest_open_ = open_.size();
}

std::size_t FakeSocketMode::accepted() const {
    std::lock_guard lock(mutex_);
    return accepted_;
}

std::string FakeSocketMode::send_envelope(int connection, const std::string& type, json payload,
                                          bool accepts_response_payload) {
    std::lock_guard lock(mutex_);
    Envelope envelope;
    envelope.id = "env-" + std::to_string(next_envelope_++);
    envelope.connection = connection;
    envelope.message = json{{"envelope_id", envelope.id},
                            {"type", type},
                            {"payload", std::move(payload)},
                            {"accepts_response_payload", accepts_response_payload},
                            {"retry_attempt", 0},
                            {"retry_reason", ""}};
    send_locked(connection, envelope.message.dump());
    std::string id = envelope.id;
    unacked_.emplace(id, std::move(envelope));
    return id;
}

void FakeSocketMode::send_text(int connection, std::string text) {
    std::lock_guard lock(mutex_);
    send_locked(connection, std::move(text));
}

void FakeSocketMode::send_binary(int connection, std::string bytes) {
    std::lock_guard lock(mutex_);
    send_locked(connection, std::move(bytes), true);
}

void FakeSocketMode::disconnect(int connection, const std::string& reason) {
    send_text(connection, json{{"type", "disconnect"}, {"reason", reason}}.dump());
}

void FakeSocketMode::drop(int connection) {
    std::lock_guard lock(mutex_);
    auto it = open_.find(connection);
    if (it == open_.end()) return;
    asio::post(ioc_, [c = it->second] { c->end(); });
}

void FakeSocketMode::stall(int connection) {
    std::shared_ptr<Connection> c;
    {
        std::lock_guard lock(mutex_);
        auto it = open_.find(connection);
        if (it == open_.end()) return;
        c = it->second;
    }
    std::promise<void> done;
    asio::post(ioc_, [&] {
        c->stalled = true;
        error_code ignored;
        beast::get_lowest_layer(c->stream).cancel(ignored);
        done.set_value();
    });
    done.get_future().wait();  // no ping is answered from here on
}

void FakeSocketMode::lose_acks(bool lose) {
    std::lock_guard lock(mutex_);
    lose_acks_ = lose;
}

void FakeSocketMode::redeliver_on(int connection) {
    std::lock_guard lock(mutex_);
    for (auto& [id, envelope] : unacked_) resend_locked(envelope, connection);
}

std::vector<SocketAck> FakeSocketMode::acks() const {
    std::lock_guard lock(mutex_);
    return acks_;
}

bool FakeSocketMode::wait_for_acks(std::size_t n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return acks_.size() >= n; });
}

std::optional<SocketAck> FakeSocketMode::wait_for_ack(const std::string& envelope_id,
                                                      std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    std::optional<SocketAck> found;
    changed_.wait_for(lock, timeout, [&] {
        for (const auto& ack : acks_)
            if (ack.envelope_id == envelope_id) found = ack;
        return found.has_value();
    });
    return found;
}

std::size_t FakeSocketMode::unacknowledged() const {
    std::lock_guard lock(mutex_);
    return unacked_.size();
}

std::size_t FakeSocketMode::pings() const {
    std::lock_guard lock(mutex_);
    return pings_;
}

}  // namespace firebreak::fakes
