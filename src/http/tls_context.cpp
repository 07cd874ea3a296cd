#include "firebreak/http/tls_context.hpp"

namespace firebreak::http {

namespace ssl = boost::asio::ssl;

std::shared_ptr<ssl::context> make_server_tls_context(const std::string& cert_file,
                                                      const std::string& key_file,
                                                      boost::system::error_code& ec) {
    auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
    // SSLv2/3, TLS 1.0 and 1.1 are broken or deprecated (RFC 8996).
    context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                             ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                             ssl::context::no_tlsv1_1 | ssl::context::single_dh_use,
                         ec);
    if (!ec) context->use_certificate_chain_file(cert_file, ec);
    if (!ec) context->use_private_key_file(key_file, ssl::context::pem, ec);
    if (ec) return nullptr;
    return context;
}

}  // namespace firebreak::http
