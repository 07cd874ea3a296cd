#pragma once
// HTTP messages as route handlers see them, and builders for the usual responses.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>
#include <string>
#include <string_view>

namespace firebreak::http {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;
using Status = boost::beast::http::status;
using Verb = boost::beast::http::verb;
using Field = boost::beast::http::field;

/// An HTTP/1.1 response with `body`, the given Content-Type and its Content-Length.
/// The server fills in the version and Connection headers from the request.
Response make_response(Status status, std::string body, std::string_view content_type);

/// `body` as text/plain; charset=utf-8.
Response text_response(Status status, std::string body);

/// `json`, already serialised, as application/json (http depends on no JSON library).
Response json_response(Status status, std::string json);

}  // namespace firebreak::http
