#include "firebreak/http/message.hpp"

#include <utility>

namespace firebreak::http {

Response make_response(Status status, std::string body, std::string_view content_type) {
    Response response{status, 11};
    response.set(Field::content_type, content_type);
    response.body() = std::move(body);
    response.prepare_payload();
    return response;
}

Response text_response(Status status, std::string body) {
    return make_response(status, std::move(body), "text/plain; charset=utf-8");
}

Response json_response(Status status, std::string json) {
    return make_response(status, std::move(json), "application/json");
}

}  // namespace firebreak::http
