#include "dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <exception>
#include <utility>

namespace firebreak::http {

Dispatcher::Dispatcher(boost::asio::io_context& app, std::shared_ptr<const Router> router,
                       std::optional<Batching> batching)
    : router_(std::move(router)),
      batching_(std::move(batching)),
      app_(app),
      strand_(app.get_executor()) {}

void Dispatcher::submit(Request request, Reply reply) {
    // The route's stage runs here, where the request was read: what it refuses (a forged
    // signature, a malformed body) is answered without a turn of the application's thread.
    Router::Prepared prepared = router_->prepare(request);
    if (prepared.answered()) {
        router_->observe(request, prepared.routed, prepared.routed.response.result());
        reply(std::move(prepared.routed.response));
        return;
    }
    if (!batching_) {
        if (app_.get_executor().running_in_this_thread()) {
            reply(finish(request, std::move(prepared)));
            return;
        }
        boost::asio::post(strand_, [self = shared_from_this(),
                                    pending = Pending{std::move(request), std::move(reply),
                                                      std::move(prepared)}]() mutable {
            pending.reply(self->finish(pending.request, std::move(pending.prepared)));
        });
        return;
    }
    {
        std::lock_guard lock(mutex_);
        queued_.push_back(Pending{std::move(request), std::move(reply), std::move(prepared)});
        if (scheduled_) return;
        scheduled_ = true;
    }
    // Posted, not run now: the requests read before it runs (in the same wake-up, or while
    // the previous group was being routed and committed) join the group.
    boost::asio::post(strand_, [self = shared_from_this()] { self->run_group(); });
}

Response Dispatcher::finish(const Request& request, Router::Prepared prepared) const {
    Router::Routed routed = router_->finish(request, std::move(prepared));
    router_->observe(request, routed, routed.response.result());
    return std::move(routed.response);
}

bool Dispatcher::close_group() {
    try {
        return batching_->close();
    } catch (const std::exception& e) {
        spdlog::error("http: closing a group failed: {}", e.what());
        return false;
    }
}

void Dispatcher::run_group() {
    std::vector<Pending> group;
    bool more = false;
    {
        std::lock_guard lock(mutex_);
        const std::size_t take =
            std::min(queued_.size(), std::max<std::size_t>(batching_->max_requests, 1));
        group.assign(std::make_move_iterator(queued_.begin()),
                     std::make_move_iterator(queued_.begin() + static_cast<long>(take)));
        queued_.erase(queued_.begin(), queued_.begin() + static_cast<long>(take));
        more = !queued_.empty();
        scheduled_ = more;
    }
    if (more) {
        boost::asio::post(strand_, [self = shared_from_this()] { self->run_group(); });
    }

    // GET and HEAD change nothing (health checks, metrics): answered at once, never held
    // for the group's commit nor turned into its 503.
    std::vector<Pending> writes;
    writes.reserve(group.size());
    for (Pending& pending : group) {
        const Verb verb = pending.request.method();
        if (verb == Verb::get || verb == Verb::head)
            pending.reply(finish(pending.request, std::move(pending.prepared)));
        else
            writes.push_back(std::move(pending));
    }
    group = std::move(writes);
    if (group.empty()) return;

    bool grouped = false;
    try {
        batching_->open();
        grouped = true;
    } catch (const std::exception& e) {
        // Each request still gets its own try, with its own transactions.
        spdlog::warn("http: could not open a group for {} request(s), routing them one by one: {}",
                     group.size(), e.what());
    }
    if (!grouped) {
        for (Pending& pending : group)
            pending.reply(finish(pending.request, std::move(pending.prepared)));
        return;
    }
    // Observed only once the commit decided what each request is answered.
    std::vector<Router::Routed> routed;
    routed.reserve(group.size());
    for (Pending& pending : group)
        routed.push_back(router_->finish(pending.request, std::move(pending.prepared)));
    if (!close_group()) {
        spdlog::error("http: the group of {} request(s) could not be saved; each was answered 503",
                      group.size());
        for (Router::Routed& r : routed) {
            r.response = text_response(Status::service_unavailable,
                                       "could not save this request; nothing was changed, try "
                                       "again\n");
        }
    }
    for (std::size_t i = 0; i < group.size(); ++i) {
        router_->observe(group[i].request, routed[i], routed[i].response.result());
        group[i].reply(std::move(routed[i].response));
    }
}

}  // namespace firebreak::http
