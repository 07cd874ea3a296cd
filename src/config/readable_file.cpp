#include "readable_file.hpp"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace firebreak::config::detail {

std::string unreadable_reason(const std::string& file) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::file_status status = fs::status(file, ec);
    std::string reason;
    if (status.type() == fs::file_type::not_found) {
        reason = "no such file";
    } else if (ec) {
        reason = ec.message();
    } else if (fs::is_directory(status)) {
        reason = "is a directory";
    } else if (!fs::is_regular_file(status)) {
        reason = "not a regular file";
    } else {
        errno = 0;
        if (!std::ifstream(file, std::ios::binary))
            reason = errno != 0 ? std::strerror(errno) : "cannot be opened";
    }
    // strerror capitalises; the other reasons, and the message around them, do not.
    if (!reason.empty())
        reason.front() =
            static_cast<char>(std::tolower(static_cast<unsigned char>(reason.front())));
    return reason;
}

}  // namespace firebreak::config::detail
