#pragma once
// Calls back when the config file should be reloaded: on SIGHUP, and when the file is
// written or replaced on disk (inotify on its directory, since editors often save by
// renaming a new file over the old one).

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <filesystem>
#include <functional>
#include <memory>

namespace firebreak::reload {

/// Runs on `ioc`'s one thread. It may be destroyed with waits pending or completions
/// already queued: those then do nothing (see alive_).
class ConfigWatcher {
  public:
    /// `on_change` runs on the io_context's thread, at most once per burst of events.
    ConfigWatcher(boost::asio::io_context& ioc, std::filesystem::path file,
                  std::function<void(const char* why)> on_change);
    ~ConfigWatcher();
    ConfigWatcher(const ConfigWatcher&) = delete;
    ConfigWatcher& operator=(const ConfigWatcher&) = delete;

    /// Starts listening. Without inotify (it failed to start) SIGHUP still works.
    void start();
    void stop();

  private:
    void do_wait_signal();
    void do_read_events();
    void on_events(const boost::system::error_code& ec, std::size_t bytes);
    void schedule(const char* why);

    std::filesystem::path file_;
    std::function<void(const char*)> on_change_;
    boost::asio::signal_set hangup_;
    boost::asio::posix::stream_descriptor inotify_;
    boost::asio::steady_timer settle_;
    const char* pending_why_ = nullptr;
    alignas(8) char buffer_[4096];
    bool stopped_ = false;
    /// Expires with the watcher; its handlers check it before touching `this`, since a
    /// completion queued before the destructor still runs after it.
    std::shared_ptr<const bool> alive_ = std::make_shared<const bool>(true);
};

}  // namespace firebreak::reload
