#pragma once
// The server's TLS settings, loaded from the files named in config (server.tls).

#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>
#include <memory>
#include <string>

namespace firebreak::http {

/// A server context for TLS 1.2 and newer, from PEM files: `cert_file` holds the
/// certificate followed by its chain, `key_file` its private key. nullptr with `ec` set when a
/// file cannot be read or the key does not match the certificate.
std::shared_ptr<boost::asio::ssl::context> make_server_tls_context(const std::string& cert_file,
                                                                   const std::string& key_file,
                                                                   boost::system::error_code& ec);

}  // namespace firebreak::http
