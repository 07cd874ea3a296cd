#include "support/serve_process.hpp"

#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <regex>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "firebreak/slack/signature.hpp"
#include "support/loopback_client.hpp"

namespace firebreak::testing {

std::string slack_http_config(const std::string& database, const std::string& slack_api,
                              const std::string& more) {
    return "server:\n  listen: \"127.0.0.1:0\"\n  admin_listen: \"127.0.0.1:0\"\n"
           "storage:\n  sqlite:\n    path: \"" +
           database +
           "\"\n"
           "slack:\n  enabled: true\n  mode: http\n"
           "  signing_secret: \"${SLACK_SIGNING_SECRET}\"\n"
           "  bot_token: \"${SLACK_BOT_TOKEN}\"\n"
           "  api_base_url: \"" +
           slack_api +
           "\"\n"
           "  announce_channel: CANNOUNCE\n" +
           more;
}

http::Response post_signed_command(std::uint16_t port, const std::string& secret,
                                   const std::string& body) {
    std::string ts = std::to_string(std::time(nullptr));
    http::Request request{http::Verb::post, "/slack/commands", 11};
    request.set(http::Field::content_type, "application/x-www-form-urlencoded");
    request.set("X-Slack-Request-Timestamp", ts);
    request.set("X-Slack-Signature", slack::SlackSignatureVerifier(secret).sign(ts, body));
    request.body() = body;
    http::testing::LoopbackClient client(port);
    return client.request(std::move(request));
}

ServeProcess::ServeProcess(const std::string& config_path,
                           const std::vector<std::pair<std::string, std::string>>& environment) {
    const char* binary = std::getenv("FIREBREAK_BINARY");
    if (!binary || !*binary) throw std::runtime_error("FIREBREAK_BINARY is not set");
    // Everything the child needs is built here: between fork() and exec() a multithreaded
    // process may not allocate (another thread may have held the allocator's lock at the
    // fork, and setenv() in the child then waits for it for ever).
    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) {
        std::string_view entry(*e);
        std::string_view name = entry.substr(0, entry.find('='));
        bool replaced = std::any_of(environment.begin(), environment.end(),
                                    [&](const auto& kv) { return kv.first == name; });
        if (!replaced) env_strings.emplace_back(entry);
    }
    for (const auto& [name, value] : environment) env_strings.push_back(name + "=" + value);
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::string serve = "serve", option = "--config", path = config_path, program = binary;
    std::vector<char*> argv{program.data(), serve.data(), option.data(), path.data(), nullptr};
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        dup2(fds[1], STDOUT_FILENO);
        dup2(fds[1], STDERR_FILENO);
        close(fds[0]);
        close(fds[1]);
        execve(binary, argv.data(), envp.data());
        _exit(127);
    }
    close(fds[1]);
    out_fd_ = fds[0];
    reader_ = std::thread([this] {
        char buffer[4096];
        while (true) {
            ssize_t n = read(out_fd_, buffer, sizeof buffer);
            std::lock_guard lock(mutex_);
            if (n <= 0) {
                closed_ = true;
                grew_.notify_all();
                return;
            }
            output_.append(buffer, static_cast<std::size_t>(n));
            grew_.notify_all();
        }
    });
    // The public listener's line; the admin listener logs "admin: listening on".
    if (!wait_for_output("http: listening on 127.0.0.1:"))
        throw std::runtime_error("serve did not start:\n" + output());
    // Wait for the whole line: "http: listening on 127.0.0.1:PORT (http)".
    if (!wait_for_output(" (http)")) throw std::runtime_error("no port in:\n" + output());
    std::smatch m;
    std::string text = output();
    if (!std::regex_search(text, m, std::regex("http: listening on 127\\.0\\.0\\.1:([0-9]+)")))
        throw std::runtime_error("no port in:\n" + text);
    port_ = static_cast<std::uint16_t>(std::stoi(m[1]));
}

std::uint16_t ServeProcess::admin_port() {
    // "admin: listening on 127.0.0.1:PORT (http)", whole.
    if (!wait_for_output("admin: listening on 127.0.0.1:"))
        throw std::runtime_error("no admin listener in:\n" + output());
    std::regex line("admin: listening on 127\\.0\\.0\\.1:([0-9]+) ");
    std::smatch m;
    std::string text;
    for (int tries = 0; tries < 2; ++tries) {
        text = output();
        if (std::regex_search(text, m, line)) return static_cast<std::uint16_t>(std::stoi(m[1]));
        wait_for_output("(http)", 1000);
    }
    throw std::runtime_error("no admin port in:\n" + text);
}

ServeProcess::~ServeProcess() {
    if (pid_ > 0) stop(SIGKILL);
    if (reader_.joinable()) reader_.join();
    if (out_fd_ >= 0) close(out_fd_);
}

int ServeProcess::stop(int signal, std::chrono::seconds patience) {
    if (pid_ <= 0) return -1;
    kill(pid_, signal);
    int status = 0;
    // waitpid has no timeout; a pidfd becomes readable when the child exits. The bound is
    // on a wait, it measures nothing. Without pidfds (before Linux 5.3) the wait is unbounded.
    const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid_, 0));
    bool exited = true;
    if (pidfd >= 0) {
        pollfd ready{pidfd, POLLIN, 0};
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(patience).count();
        int polled = 0;
        do polled = poll(&ready, 1, static_cast<int>(ms));
        while (polled < 0 && errno == EINTR);
        exited = polled != 0;  // 0: the patience ran out; an error falls back to waitpid
        close(pidfd);
    }
    if (!exited) {
        std::fprintf(stderr, "firebreak serve (pid %d) still running %llds after signal %d:\n%s\n",
                     static_cast<int>(pid_), static_cast<long long>(patience.count()), signal,
                     output().c_str());
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
        pid_ = -1;
        if (reader_.joinable()) reader_.join();
        return -1;
    }
    waitpid(pid_, &status, 0);
    pid_ = -1;
    if (reader_.joinable()) reader_.join();
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

bool ServeProcess::wait_for_output(const std::string& text, int timeout_ms) {
    std::unique_lock lock(mutex_);
    return grew_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] {
        return output_.find(text) != std::string::npos || closed_;
    }) && output_.find(text) != std::string::npos;
}

std::string ServeProcess::output() const {
    std::lock_guard lock(mutex_);
    return output_;
}

}  // namespace firebreak::testing
