#pragma once
// A throwaway certificate for TLS tests: self-signed P-256 for DNS:localhost (CN and SAN),
// as PEM files in a temporary directory that goes away with the object.

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <boost/asio/ssl/context.hpp>
#include <boost/system/system_error.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "firebreak/http/tls_context.hpp"

namespace firebreak::http::testing {

/// A fresh self-signed P-256 certificate for DNS:localhost (CN and SAN), as PEM files in a
/// temporary directory that goes away with this object.
class LocalhostCertificate {
  public:
    LocalhostCertificate()
        : dir_(std::filesystem::temp_directory_path() /
               ("firebreak-tls-" + std::to_string(::getpid()) + "-" + std::to_string(++count_))) {
        std::filesystem::create_directories(dir_);
        const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"),
                                                                      &EVP_PKEY_free);
        const std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), &X509_free);
        if (!key || !cert) throw std::runtime_error("openssl: cannot make a key");
        X509_set_version(cert.get(), 2);
        ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
        X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
        X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
        X509_set_pubkey(cert.get(), key.get());
        X509_NAME* name = X509_get_subject_name(cert.get());
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
        X509_set_issuer_name(cert.get(), name);
        X509_EXTENSION* san =
            X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name, "DNS:localhost");
        if (san == nullptr) throw std::runtime_error("openssl: cannot make a SAN");
        X509_add_ext(cert.get(), san, -1);
        X509_EXTENSION_free(san);
        if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) {
            throw std::runtime_error("openssl: cannot sign");
        }
        write(key_file(), [&](FILE* f) {
            return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
        });
        write(cert_file(), [&](FILE* f) { return PEM_write_X509(f, cert.get()); });
    }
    ~LocalhostCertificate() {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
    LocalhostCertificate(const LocalhostCertificate&) = delete;
    LocalhostCertificate& operator=(const LocalhostCertificate&) = delete;

    std::string cert_file() const { return (dir_ / "cert.pem").string(); }
    std::string key_file() const { return (dir_ / "key.pem").string(); }

    /// A client context that trusts this certificate only.
    boost::asio::ssl::context client_context() const {
        boost::asio::ssl::context context(boost::asio::ssl::context::tls_client);
        context.load_verify_file(cert_file());
        context.set_verify_mode(boost::asio::ssl::verify_peer);
        return context;
    }

    /// A server context that presents this certificate.
    std::shared_ptr<boost::asio::ssl::context> server_context() const {
        boost::system::error_code ec;
        auto context = make_server_tls_context(cert_file(), key_file(), ec);
        if (!context) throw boost::system::system_error(ec, "server tls context");
        return context;
    }

  private:
    template <class Write>
    static void write(const std::string& path, Write write_pem) {
        FILE* file = std::fopen(path.c_str(), "w");
        if (file == nullptr) throw std::runtime_error("cannot open " + path);
        const int ok = write_pem(file);
        std::fclose(file);
        if (ok == 0) throw std::runtime_error("cannot write " + path);
    }

    static inline int count_ = 0;
    std::filesystem::path dir_;
};

}  // namespace firebreak::http::testing
