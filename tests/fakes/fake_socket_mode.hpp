#pragma once
// A fake Slack Socket Mode server for integration tests: WebSockets (plain ws://) on
// 127.0.0.1:<any port>, on a thread of its own. Says hello on each connection, sends the
// envelopes a test scripts, records every acknowledgement, and redelivers as Slack does:
// an envelope not acknowledged when its connection ends goes again on another one.
// FakeSlack's apps.connections.open hands out its URLs (FakeSlack::serve_socket_mode).

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace firebreak::fakes {

struct SocketAck {
    int connection = 0;
    std::string envelope_id;
    nlohmann::json payload;  ///< null when the ack had none
    std::chrono::steady_clock::time_point received_at;
};

class FakeSocketMode {
  public:
    FakeSocketMode();
    ~FakeSocketMode();
    FakeSocketMode(const FakeSocketMode&) = delete;
    FakeSocketMode& operator=(const FakeSocketMode&) = delete;

    /// A URL for one connection, as apps.connections.open returns it.
    std::string next_url();

    /// Connections open now (hello sent, not closed), oldest first.
    std::vector<int> open_connections() const;
    /// Blocks until at least `n` connections are open, or `timeout` passes.
    bool wait_for_open(std::size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    /// Blocks until connection `id` has closed, or `timeout` passes.
    bool wait_for_closed(int id, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    /// The fewest connections open at any moment since the first hello.
    std::size_t fewest_open() const;
    /// Starts counting fewest_open() from the connections open now.
    void reset_fewest();
    std::size_t accepted() const;

    /// Sends an envelope on `connection` and remembers it until acknowledged; its id.
    std::string send_envelope(int connection, const std::string& type, nlohmann::json payload,
                              bool accepts_response_payload = false);
    /// Sends `text` as it is (malformed JSON, unknown types).
    void send_text(int connection, std::string text);
    void send_binary(int connection, std::string bytes);
    /// {"type":"disconnect","reason":reason}.
    void disconnect(int connection, const std::string& reason);
    /// Closes the TCP connection with no close frame.
    void drop(int connection);
    /// Stops reading `connection`, from when this returns: no acks are seen, no pongs are
    /// sent, and its end goes unnoticed (it stays in open_connections()).
    void stall(int connection);
    /// From now on, connections are upgraded but get no hello: they stay out of
    /// open_connections() and are listed by held_connections().
    void hold_hellos();
    /// Blocks until at least `n` connections wait for a hello that is held, or `timeout`.
    bool wait_for_held(std::size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    std::vector<int> held_connections() const;
    /// Whether connection `id` ended with the client's close frame (true) or without one
    /// (false); nullopt while it lasts.
    std::optional<bool> ended_with_close_frame(int id) const;
    /// Records acknowledgements as they come but treats them as lost (the process died
    /// before writing them): the envelopes are redelivered when a connection ends.
    void lose_acks(bool lose);
    /// Sends every unacknowledged envelope again on `connection` (retry_attempt + 1).
    void redeliver_on(int connection);

    std::vector<SocketAck> acks() const;
    bool wait_for_acks(std::size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    /// Blocks until `envelope_id` is acknowledged; its ack, or nullopt after `timeout`.
    std::optional<SocketAck> wait_for_ack(
        const std::string& envelope_id,
        std::chrono::milliseconds timeout = std::chrono::seconds(10));
    /// Envelopes sent and not acknowledged.
    std::size_t unacknowledged() const;
    /// Pings received from the client.
    std::size_t pings() const;

  private:
    struct Connection;
    struct Envelope {
        std::string id;
        nlohmann::json message;
        int attempt = 0;
        int connection = 0;  ///< where it went last; 0: waiting for a connection
    };
    void accept();
    void on_open(const std::shared_ptr<Connection>& connection);
    void on_closed(int id, bool close_frame);
    void on_ack(int id, const std::string& text);
    void send_locked(int connection, std::string text, bool binary = false);
    void resend_locked(Envelope& envelope, int connection);
    void count_open_locked();

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::map<int, std::shared_ptr<Connection>> open_;  // guarded by mutex_
    std::map<int, std::shared_ptr<Connection>> held_;  // guarded by mutex_: no hello yet
    std::map<int, bool> ended_;                // guarded by mutex_: id → ended with a close frame
    std::map<std::string, Envelope> unacked_;  // guarded by mutex_
    std::vector<SocketAck> acks_;              // guarded by mutex_
    std::size_t fewest_open_ = SIZE_MAX;       // guarded by mutex_
    std::size_t accepted_ = 0;
    std::size_t pings_ = 0;
    bool lose_acks_ = false;
    bool hold_hellos_ = false;
    int next_connection_ = 1;
    int next_envelope_ = 1;
    int next_ticket_ = 1;

    boost::asio::io_context ioc_;
    struct Acceptor;
    std::unique_ptr<Acceptor> acceptor_;
    std::uint16_t port_ = 0;
    std::thread thread_;
};

}  // namespace firebreak::fakes
