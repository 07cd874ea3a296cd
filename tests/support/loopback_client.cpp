#include "support/loopback_client.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/system/system_error.hpp>
#include <utility>

namespace firebreak::http::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using error_code = boost::system::error_code;

}  // namespace

LoopbackClient::LoopbackClient(std::uint16_t port, std::chrono::milliseconds guard)
    : stream_(std::in_place_type<Plain>, ioc_), guard_(guard) {
    connect(port);
}

LoopbackClient::LoopbackClient(std::uint16_t port, asio::ssl::context& tls,
                               std::chrono::milliseconds guard)
    : stream_(std::in_place_type<Tls>, ioc_, tls), guard_(guard) {
    connect(port);
    Tls& stream = std::get<Tls>(stream_);
    stream.set_verify_callback(asio::ssl::host_name_verification("localhost"));
    error_code result;
    stream.async_handshake(asio::ssl::stream_base::client, [&](error_code ec) { result = ec; });
    run();
    if (result) throw boost::system::system_error(result, "tls handshake");
}

void LoopbackClient::connect(std::uint16_t port) {
    std::visit(
        [&](auto& stream) {
            auto& tcp = beast::get_lowest_layer(stream);
            tcp.expires_after(guard_);
            error_code result;
            tcp.async_connect({asio::ip::make_address("127.0.0.1"), port},
                              [&](error_code ec) { result = ec; });
            run();
            if (result) throw boost::system::system_error(result, "connect");
        },
        stream_);
}

error_code LoopbackClient::send_raw(std::string_view bytes) {
    error_code result;
    std::visit(
        [&](auto& stream) {
            beast::get_lowest_layer(stream).expires_after(guard_);
            asio::async_write(stream, asio::buffer(bytes.data(), bytes.size()),
                              [&](error_code ec, std::size_t) { result = ec; });
            run();
        },
        stream_);
    return result;
}

error_code LoopbackClient::send(Request request) {
    request.set(Field::host, "127.0.0.1");
    request.prepare_payload();
    error_code result;
    std::visit(
        [&](auto& stream) {
            beast::get_lowest_layer(stream).expires_after(guard_);
            beast::http::async_write(stream, request,
                                     [&](error_code ec, std::size_t) { result = ec; });
            run();
        },
        stream_);
    return result;
}

Response LoopbackClient::read_response() {
    Response response;
    error_code result;
    std::visit(
        [&](auto& stream) {
            beast::get_lowest_layer(stream).expires_after(guard_);
            beast::http::async_read(stream, buffer_, response,
                                    [&](error_code ec, std::size_t) { result = ec; });
            run();
        },
        stream_);
    if (result) throw boost::system::system_error(result, "read response");
    return response;
}

Response LoopbackClient::request(Request request) {
    if (const error_code ec = send(std::move(request))) {
        throw boost::system::system_error(ec, "send request");
    }
    return read_response();
}

bool LoopbackClient::wait_for_close() {
    if (buffer_.size() > 0) return false;
    error_code result;
    std::size_t read = 0;
    std::visit(
        [&](auto& stream) {
            beast::get_lowest_layer(stream).expires_after(guard_);
            stream.async_read_some(buffer_.prepare(1), [&](error_code ec, std::size_t n) {
                result = ec;
                read = n;
            });
            run();
        },
        stream_);
    return read == 0 && (result == asio::error::eof || result == asio::error::connection_reset ||
                         result == asio::ssl::error::stream_truncated);
}

void LoopbackClient::run() {
    ioc_.restart();
    ioc_.run();
}

Request make_request(Verb verb, std::string target, std::string body) {
    Request request{verb, std::move(target), 11};
    request.body() = std::move(body);
    return request;
}

}  // namespace firebreak::http::testing
