// The outbound WebSocket client against a peer that never completes the upgrade.
#include "firebreak/http/websocket.hpp"

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <string>
#include <thread>

using namespace firebreak;
using boost::asio::ip::tcp;
using namespace std::chrono_literals;

TEST_CASE("a WebSocket closed while its upgrade is unanswered ends at once and leaves nothing") {
    boost::asio::io_context peer_io;
    tcp::acceptor acceptor(peer_io, tcp::endpoint(boost::asio::ip::address_v4::loopback(), 0));
    const auto port = acceptor.local_endpoint().port();

    boost::asio::io_context ioc;
    http::WebSocketOptions options;
    options.connect_timeout = 10min;  // not what ends it
    std::promise<std::string> closed;
    http::WebSocketHandlers handlers;
    std::atomic<bool> opened = false;
    handlers.opened = [&opened] { opened = true; };
    handlers.closed = [&closed](std::string why) { closed.set_value(std::move(why)); };
    auto ws = http::connect_websocket(ioc, "ws://127.0.0.1:" + std::to_string(port) + "/link",
                                      nullptr, options, std::move(handlers));
    std::promise<void> ran_dry;
    std::thread io([&] {
        ioc.run();
        ran_dry.set_value();
    });

    // The peer reads the whole upgrade request and never answers it.
    tcp::socket peer = acceptor.accept();
    boost::asio::streambuf request;
    boost::asio::read_until(peer, request, "\r\n\r\n");
    ws->close();

    auto why = closed.get_future();
    const bool ended = why.wait_for(30s) == std::future_status::ready;
    ws.reset();
    // Nothing of the connection is left on the io_context: run() returns by itself.
    auto dry = ran_dry.get_future();
    const bool returned = ended && dry.wait_for(30s) == std::future_status::ready;
    if (!returned) ioc.stop();
    io.join();
    REQUIRE(ended);
    CHECK(why.get() == "closed by us before it opened");
    CHECK(returned);
    CHECK_FALSE(opened);
    // And the peer sees the connection end.
    boost::system::error_code ec;
    char byte = 0;
    peer.read_some(boost::asio::buffer(&byte, 1), ec);
    CHECK(ec == boost::asio::error::eof);
}
