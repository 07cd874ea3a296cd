#include "firebreak/reload/config_watcher.hpp"

#include <spdlog/spdlog.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <csignal>
#include <cstring>

namespace firebreak::reload {
namespace {

// Editors save in several steps (truncate, write, rename); wait for them to settle.
constexpr std::chrono::milliseconds kSettle{200};

}  // namespace

ConfigWatcher::ConfigWatcher(boost::asio::io_context& ioc, std::filesystem::path file,
                             std::function<void(const char* why)> on_change)
    : file_(std::filesystem::absolute(std::move(file))),
      on_change_(std::move(on_change)),
      hangup_(ioc, SIGHUP),
      inotify_(ioc),
      settle_(ioc) {}

ConfigWatcher::~ConfigWatcher() {
    stop();
}

void ConfigWatcher::start() {
    do_wait_signal();
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) {
        spdlog::warn("config watch: inotify unavailable ({}); reload with SIGHUP",
                     std::strerror(errno));
        return;
    }
    std::string dir = file_.parent_path().string();
    if (inotify_add_watch(fd, dir.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE) < 0) {
        spdlog::warn("config watch: cannot watch {} ({}); reload with SIGHUP", dir,
                     std::strerror(errno));
        ::close(fd);
        return;
    }
    inotify_.assign(fd);
    do_read_events();
}

void ConfigWatcher::stop() {
    stopped_ = true;
    boost::system::error_code ignored;
    hangup_.cancel(ignored);
    settle_.cancel();
    if (inotify_.is_open()) inotify_.close(ignored);
}

void ConfigWatcher::do_wait_signal() {
    hangup_.async_wait(
        [this, alive = std::weak_ptr(alive_)](const boost::system::error_code& ec, int) {
            // operation_aborted: stop() cancelled the wait.
            if (ec || alive.expired() || stopped_) return;
            schedule("SIGHUP");
            do_wait_signal();
        });
}

void ConfigWatcher::do_read_events() {
    auto on_read = [this, alive = std::weak_ptr(alive_)](const boost::system::error_code& ec,
                                                         std::size_t bytes) {
        if (alive.expired()) return;  // destroyed after this completion was queued
        on_events(ec, bytes);
    };
    inotify_.async_read_some(boost::asio::buffer(buffer_), std::move(on_read));
}

void ConfigWatcher::on_events(const boost::system::error_code& ec, std::size_t bytes) {
    if (ec || stopped_) return;  // closed by stop(), or the descriptor failed
    std::string name = file_.filename().string();
    for (std::size_t at = 0; at + sizeof(inotify_event) <= bytes;) {
        inotify_event event;
        std::memcpy(&event, buffer_ + at, sizeof event);
        const char* event_name = buffer_ + at + sizeof(inotify_event);
        if (event.len > 0 && name == event_name) schedule("file changed");
        at += sizeof(inotify_event) + event.len;
    }
    do_read_events();
}

void ConfigWatcher::schedule(const char* why) {
    pending_why_ = why;
    settle_.expires_after(kSettle);
    settle_.async_wait([this, alive = std::weak_ptr(alive_)](const boost::system::error_code& ec) {
        // Re-scheduled by a later event, stopped, or destroyed.
        if (ec || alive.expired() || stopped_) return;
        on_change_(pending_why_);
    });
}

}  // namespace firebreak::reload
