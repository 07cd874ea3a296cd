#include "firebreak/app/front_door.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "firebreak/app/delivery.hpp"
#include "firebreak/app/forms.hpp"
#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/command/parser.hpp"
#include "firebreak/command/text.hpp"
#include "firebreak/core/reminder_plan.hpp"
#include "firebreak/log/fields.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"
#include "persistence.hpp"

namespace firebreak::app {
namespace {

using nlohmann::json;

/// How long a request's dedupe key is remembered: far longer than any platform retries
/// (Slack retries an event for about 6 minutes).
constexpr core::Duration kRequestMemory = std::chrono::hours(24);

/// Why the service refused, short enough for a form field's error.
std::string refusal_text(const Reply& reply) {
    std::string why = reply.messages.empty() ? "" : reply.messages.front().text;
    return why.size() > 150 ? why.substr(0, 147) + "..." : why;
}

std::string dump(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Invocation invocation_of(const Inbound& inbound) {
    return Invocation{inbound.platform, inbound.conversation, inbound.user};
}

}  // namespace

FrontDoor::FrontDoor(IncidentService& service, store::Store& store, const Clock& clock)
    : service_(service), store_(store), clock_(clock) {}

void FrontDoor::add_platform(PlatformProfile profile) {
    std::string name = profile.name;
    platforms_.insert_or_assign(std::move(name), std::move(profile));
}

Answer FrontDoor::handle(const Inbound& inbound) {
    auto found = platforms_.find(inbound.platform);
    if (found == platforms_.end())
        throw std::invalid_argument("no platform '" + inbound.platform + "' is registered");
    const PlatformProfile& platform = found->second;
    log::Fields fields;  // what this request's log lines concern, in the JSON format
    fields.platform = platform.name;
    fields.request_id = inbound.dedupe_key;
    const log::Scope log_scope(fields);
    core::Timestamp now = clock_.now();
    // Prefixed with the platform as the keys were before the platform had its own column,
    // so a retry across an upgrade is still recognised.
    std::string key = inbound.dedupe_key.empty() ? "" : platform.name + ":" + inbound.dedupe_key;

    auto tx = store_.begin();
    if (!key.empty() && tx.remembered(platform.name, key, now)) {
        spdlog::info("{}: {} seen before; not applied twice", platform.name, inbound.dedupe_key);
        return Answer{Answer::Kind::duplicate, {}, std::nullopt, {}};
    }
    wrote_ = false;
    Answer answer = std::visit(
        [&](const auto& body) -> Answer {
            using Body = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<Body, TypedCommand>)
                return handle_command(tx, platform, inbound, body.text, true);
            else if constexpr (std::is_same_v<Body, ButtonPress>)
                return handle_command(tx, platform, inbound, body.command, false);
            else if constexpr (std::is_same_v<Body, FormSubmission>)
                return handle_submission(tx, inbound, body);
            else
                return handle_capture(tx, inbound, body);
        },
        inbound.body);
    // Remembered only with what it did: a query answered on the spot needs no key, and a
    // refused form may be sent again as it is once the reason has gone.
    if (!key.empty() && wrote_ && answer.kind != Answer::Kind::form_errors)
        tx.remember(platform.name, key, now, now + kRequestMemory);
    tx.commit();
    return answer;
}

Answer FrontDoor::handle_command(store::Transaction& tx, const PlatformProfile& platform,
                                 const Inbound& inbound, const std::string& text, bool typed) {
    using Forms = PlatformProfile::Forms;
    bool can_open = platform.forms == Forms::in_answer ||
                    (platform.forms == Forms::queued && !inbound.form_token.empty());
    if (can_open) {
        auto wanted = forms::form_requested(text);
        if (wanted.request != forms::FormRequest::none) {
            auto incident = tx.incident_by_conversation(inbound.platform, inbound.conversation);
            // No live incident here: the command runs, and the service explains.
            if (incident && wanted.request == forms::FormRequest::publish_edit) {
                auto draft = tx.publish_draft(wanted.draft);
                if (draft && draft->open && draft->incident_id == incident->id)
                    return open_form(tx, platform, inbound,
                                     forms::publish_form(*draft, inbound.conversation));
            } else if (incident && core::is_live(incident->status)) {
                if (wanted.request == forms::FormRequest::resolve) {
                    // Only for someone who may resolve now; otherwise the refusal says why.
                    const auto& criteria = service_.settings().policy.resolution_checklist;
                    auto parsed = command::parse(
                        text, command::ParseContext{inbound.user, platform.plain_names});
                    const auto* probe = std::get_if<core::Command>(&parsed);
                    if (!criteria.empty() && probe != nullptr &&
                        std::holds_alternative<core::cmd::Resolve>(*probe) &&
                        !service_.refusal_for(tx, *probe, invocation_of(inbound))) {
                        auto watch = tx.reminder(incident->id, core::reminder::watch);
                        return open_form(
                            tx, platform, inbound,
                            forms::resolve_form(criteria, watch && watch->fired_at.has_value(),
                                                wanted.text, inbound.conversation));
                    }
                } else if (wanted.request == forms::FormRequest::update)
                    return open_form(tx, platform, inbound,
                                     forms::update_form(*incident, inbound.conversation));
                else {
                    const auto& policy = service_.settings().policy;
                    return open_form(
                        tx, platform, inbound,
                        forms::handover_form(wanted.role, policy.role_name(wanted.role),
                                             inbound.conversation));
                }
            }
        }
    }
    auto parsed = command::parse(text, command::ParseContext{inbound.user, platform.plain_names});
    Reply reply;
    if (const auto* error = std::get_if<command::UsageError>(&parsed)) {
        reply = service_.usage_error(*error);
    } else {
        const auto& command = std::get<core::Command>(parsed);
        if (can_open && std::holds_alternative<core::cmd::DeclareForm>(command))
            return open_form(tx, platform, inbound,
                             forms::declare_form(service_.settings().policy, inbound.conversation));
        reply = service_.run(tx, command, invocation_of(inbound));
        wrote_ = wrote_ || reply.changed;
    }
    if (!typed && !platform.answers_buttons) {
        queue(tx, inbound, reply);  // the platform shows nothing of a button's answer
        return Answer{};
    }
    // What does not fit in the answer (a long postmortem draft) follows as more messages.
    std::size_t fitting =
        platform.fits_in_answer ? platform.fits_in_answer(reply.messages) : reply.messages.size();
    if (fitting < reply.messages.size()) {
        Reply later{
            reply.visibility,
            {reply.messages.begin() + static_cast<std::ptrdiff_t>(fitting), reply.messages.end()},
            false};
        reply.messages.resize(fitting);
        queue(tx, inbound, later);
    }
    return Answer{Answer::Kind::reply, std::move(reply), std::nullopt, {}};
}

Answer FrontDoor::handle_submission(store::Transaction& tx, const Inbound& inbound,
                                    const FormSubmission& submission) {
    auto errors = [](chat::FieldErrors e) {
        return Answer{Answer::Kind::form_errors, {}, std::nullopt, std::move(e)};
    };
    Invocation invocation = invocation_of(inbound);
    if (auto it = submission.context.find(forms::kConversation); it != submission.context.end())
        invocation.conversation = it->second;
    Inbound where = inbound;
    where.conversation = invocation.conversation;
    if (submission.form_id == forms::kDeclare) {
        auto read =
            forms::read_declare(submission.values, service_.settings().policy, clock_.now());
        if (auto* e = std::get_if<chat::FieldErrors>(&read)) return errors(std::move(*e));
        Reply reply = service_.run(tx, std::get<core::cmd::Declare>(read), invocation);
        wrote_ = reply.changed;
        queue(tx, where, reply);
        return Answer{};
    }
    if (submission.form_id == forms::kUpdate) {
        auto read = forms::read_update(submission.context, submission.values);
        if (auto* e = std::get_if<chat::FieldErrors>(&read)) return errors(std::move(*e));
        const auto& update = std::get<forms::UpdateSubmission>(read);
        if (update.status) {
            Reply moved = service_.run(tx, core::cmd::SetStatus{*update.status}, invocation);
            // Refused (e.g. a guard): say why on the form instead of half-posting.
            if (!moved.changed) return errors({{"status", refusal_text(moved)}});
            queue(tx, where, moved);
        }
        Reply reply = service_.run(tx, core::cmd::PostUpdate{update.text}, invocation);
        wrote_ = reply.changed;
        queue(tx, where, reply);
        return Answer{};
    }
    if (submission.form_id == forms::kHandover) {
        auto read = forms::read_handover(submission.context, submission.values);
        if (auto* e = std::get_if<chat::FieldErrors>(&read)) return errors(std::move(*e));
        Reply reply = service_.run(tx, std::get<core::cmd::Handover>(read), invocation);
        if (!reply.changed) return errors({{"to", refusal_text(reply)}});
        wrote_ = true;
        queue(tx, where, reply);
        return Answer{};
    }
    if (submission.form_id == forms::kPublish) {
        auto read = forms::read_publish(submission.context, submission.values);
        if (auto* e = std::get_if<chat::FieldErrors>(&read)) return errors(std::move(*e));
        Reply reply = service_.run(tx, std::get<core::cmd::Publish>(read), invocation);
        if (!reply.changed) return errors({{"text", refusal_text(reply)}});
        wrote_ = true;
        queue(tx, where, reply);
        return Answer{};
    }
    if (submission.form_id == forms::kResolve) {
        Reply reply =
            service_.run(tx,
                         forms::read_resolve(submission.context, submission.values,
                                             service_.settings().policy.resolution_checklist),
                         invocation);
        if (!reply.changed) return errors({{"criterion_1", refusal_text(reply)}});
        wrote_ = true;
        queue(tx, where, reply);
        return Answer{};
    }
    spdlog::warn("{}: a submission of an unknown form '{}' was ignored", inbound.platform,
                 submission.form_id);
    return Answer{};
}

Answer FrontDoor::handle_capture(store::Transaction& tx, const Inbound& inbound,
                                 const MessageCapture& capture) {
    wrote_ = true;  // the request's key, at least: a retried event is not looked at again
    auto incident = tx.incident_by_conversation(inbound.platform, inbound.conversation);
    if (!incident) return Answer{};
    // The bot pins its own summary; that pin is not news for the timeline.
    if (auto summary = tx.message_ref(incident->id, kSummaryRef);
        summary && summary->ref == capture.message_id)
        return Answer{};
    if (auto checklist = tx.message_ref(incident->id, kChecklistRef);
        checklist && checklist->ref == capture.message_id)
        return Answer{};
    core::Timestamp now = clock_.now();
    if (!capture.text) {
        store::OutboxItem item = outbox_item(
            inbound.platform, incident->id, inbound.conversation, outbox_kind::capture_message,
            dump({{"message_id", capture.message_id}, {"captured_by", inbound.user}}), now);
        // Read back on a lane of its own: it must not wait behind the channel's posts.
        item.lane = "capture:" + inbound.conversation;
        enqueue(tx, std::move(item));
        return Answer{};
    }
    CapturedMessage message{inbound.conversation,
                            capture.message_id,
                            capture.author,
                            *capture.text,
                            capture.written_at.value_or(now),
                            inbound.user};
    record_capture(tx, inbound.platform, incident->id, message, now);
    return Answer{};
}

Answer FrontDoor::open_form(store::Transaction& tx, const PlatformProfile& platform,
                            const Inbound& inbound, chat::Form form) {
    if (platform.forms == PlatformProfile::Forms::in_answer)
        return Answer{Answer::Kind::form, {}, std::move(form), {}};
    store::OutboxItem item = outbox_item(
        inbound.platform, std::nullopt, inbound.conversation, outbox_kind::open_form,
        dump({{"token", inbound.form_token}, {"form", json::parse(chat::serialize(form))}}),
        clock_.now());
    // Keyed by the token, not the conversation: it must not wait behind a channel's queue.
    item.lane = "form:" + inbound.form_token;
    item.urgent = true;
    enqueue(tx, std::move(item));
    wrote_ = true;
    return Answer{Answer::Kind::form, {}, std::nullopt, {}};
}

void FrontDoor::queue(store::Transaction& tx, const Inbound& inbound, const Reply& reply) {
    core::Timestamp now = clock_.now();
    for (const auto& message : reply.messages) {
        if (reply.visibility == Visibility::in_channel) {
            enqueue_message(tx, inbound.platform, std::nullopt, inbound.conversation,
                            outbox_kind::post, message, now);
        } else {
            enqueue(tx, private_message_item(inbound.platform, inbound.conversation, inbound.user,
                                             message, now));
        }
        wrote_ = true;
    }
}

}  // namespace firebreak::app
