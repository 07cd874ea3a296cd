#pragma once
// FrontDoor: every platform's one way in. An adapter verifies a request, decodes it into an
// Inbound and hands it here; in one transaction the front door drops a repeat, decides
// whether to open a form or run the command, runs it through the IncidentService, and
// queues whatever does not fit in the platform's immediate answer. The dedupe key is
// written in that same transaction, so a crash never keeps a key without its change, or a
// change without its key.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "firebreak/app/clock.hpp"
#include "firebreak/app/inbound.hpp"
#include "firebreak/app/incident_service.hpp"
#include "firebreak/app/invocation.hpp"
#include "firebreak/chat/form.hpp"

namespace firebreak::store {
class Store;
}

namespace firebreak::app {

/// How a platform shows what the front door decided, given to the front door as values.
struct PlatformProfile {
    std::string name;  ///< "slack", "teams", "console"
    /// How many of `messages`, from the first, fit in the platform's immediate answer to a
    /// typed command (the rest are queued); nullptr: the platform shows every message of an
    /// answer.
    std::function<std::size_t(const std::vector<chat::Message>&)> fits_in_answer;
    /// Whether a button's answer can be shown at once too (the console); otherwise it is
    /// queued, as a Slack button's is.
    bool answers_buttons = false;
    /// Whether `@name` typed as plain text names a person (the console); on a chat
    /// platform only its real mentions do (see command::ParseContext).
    bool plain_names = false;
    enum class Forms {
        none,       ///< no forms: commands that would open one are explained instead
        queued,     ///< opened later through the outbox, with the request's form token
        in_answer,  ///< returned in the answer (the console prompts for each field)
    };
    Forms forms = Forms::queued;
};

/// What the platform sends back at once.
struct Answer {
    enum class Kind {
        reply,        ///< show `reply` (it may hold no message: nothing to show)
        form,         ///< a form: opened through the outbox, or `form` for in_answer
        form_errors,  ///< the submission was refused: show `errors` on the form
        duplicate,    ///< seen before: nothing was done
    };
    Kind kind = Kind::reply;
    Reply reply;
    std::optional<chat::Form> form;
    chat::FieldErrors errors;
};

/// Used from one thread, the one that owns `store` (the one that routes the server's
/// requests).
class FrontDoor {
  public:
    /// `store` must be the service's store (same thread, same connection).
    FrontDoor(IncidentService& service, store::Store& store, const Clock& clock);

    /// Registers a platform; an Inbound of a platform never registered throws
    /// std::invalid_argument.
    void add_platform(PlatformProfile profile);

    /// Applies `inbound` in one transaction and says what to answer. Throws StoreError when
    /// the store refused; then nothing of it was kept.
    Answer handle(const Inbound& inbound);

  private:
    Answer handle_command(store::Transaction& tx, const PlatformProfile& platform,
                          const Inbound& inbound, const std::string& text, bool typed);
    Answer handle_submission(store::Transaction& tx, const Inbound& inbound,
                             const FormSubmission& submission);
    Answer handle_capture(store::Transaction& tx, const Inbound& inbound,
                          const MessageCapture& capture);
    /// The form `text` opens instead of running, if any.
    std::optional<chat::Form> form_for(store::Transaction& tx, const Inbound& inbound,
                                       const core::Command& command, const std::string& text);
    Answer open_form(store::Transaction& tx, const PlatformProfile& platform,
                     const Inbound& inbound, chat::Form form);
    /// Queues `reply` for the inbound's conversation: in-channel messages as posts, private
    /// ones as ephemerals for its user.
    void queue(store::Transaction& tx, const Inbound& inbound, const Reply& reply);

    IncidentService& service_;
    store::Store& store_;
    const Clock& clock_;
    std::map<std::string, PlatformProfile> platforms_;
    bool wrote_ = false;  ///< the request being handled wrote something (one thread only)
};

}  // namespace firebreak::app
