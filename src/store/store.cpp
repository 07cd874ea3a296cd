#include "firebreak/store/store.hpp"

#include <array>

#include "connection.hpp"
#include "firebreak/store/transaction.hpp"
#include "migration_list.hpp"

namespace firebreak::store {
namespace {

void create_parent_directories(const std::string& path) {
    if (path == ":memory:" || path.empty()) return;
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (parent.empty()) return;
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) throw StoreError("cannot create directory " + parent.string() + ": " + ec.message());
}

}  // namespace

Store::Store(const StoreOptions& options) : path_(options.path) {
    constexpr std::array kSynchronous{"off", "normal", "full", "extra"};
    bool known = false;
    for (const char* s : kSynchronous) known = known || options.synchronous == s;
    if (!known)
        throw StoreError("synchronous must be off, normal, full or extra, not '" +
                         options.synchronous + "'");
    create_parent_directories(path_);
    connection_ = std::make_unique<Connection>(path_);
    // WAL lets readers run beside the writer and makes each commit one append;
    // `synchronous` trades durability against power loss for speed (normal is safe
    // against process crashes, including kill -9).
    connection_->exec("PRAGMA journal_mode=WAL");
    connection_->exec("PRAGMA synchronous=" + options.synchronous);
    connection_->exec("PRAGMA foreign_keys=ON");
    connection_->exec("PRAGMA busy_timeout=5000");
}

Store::~Store() = default;

int Store::latest_version() {
    const auto& all = embedded_migrations();
    return all.empty() ? 0 : all.back().version;
}

Transaction Store::begin() {
    return Transaction(*connection_);
}

}  // namespace firebreak::store
