#include "firebreak/http/io_thread.hpp"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <exception>
#include <utility>

namespace firebreak::http {

IoThread::IoThread(std::string name) : name_(std::move(name)) {}

IoThread::~IoThread() {
    work_.reset();
    if (thread_.joinable()) {
        ioc_.stop();
        thread_.join();
    }
}

void IoThread::start(boost::asio::io_context& app) {
    if (thread_.joinable()) return;
    work_.emplace(ioc_.get_executor());
    // Held by the thread, and given up only when its context has nothing left: the app's
    // context keeps running for the responses still to be routed until then.
    thread_ = std::thread([this, app_work = boost::asio::make_work_guard(app)]() mutable {
        pthread_setname_np(pthread_self(), name_.substr(0, 15).c_str());
        while (true) {
            try {
                ioc_.run();
                break;
            } catch (const std::exception& e) {
                // A handler that threw: the other connections carry on.
                spdlog::error("{}: {}", name_, e.what());
            }
        }
        app_work.reset();
    });
}

void IoThread::release() {
    work_.reset();
}

}  // namespace firebreak::http
