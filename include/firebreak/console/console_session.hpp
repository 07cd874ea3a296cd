#pragma once
// The local REPL: one pretend workspace over the real IncidentService and store.
// `/incident ...` lines run as the current user in the current conversation;
// `:as`, `:join`, `:click`, `:advance`, `:help` and `:quit` steer the session.

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firebreak/app/front_door.hpp"
#include "firebreak/app/incident_service.hpp"
#include "firebreak/app/outbox_worker.hpp"
#include "firebreak/chat/message.hpp"
#include "firebreak/console/console_deliverer.hpp"

namespace firebreak::store {
class Store;
}

namespace firebreak::console {

/// What a console user name may hold, for messages: "of letters, digits, …".
inline constexpr std::string_view kUserNameRule = "of letters, digits, '.', '_' or '-'";

/// The user a console name stands for: one word of letters, digits, '.', '_' and '-';
/// a leading '@' is dropped. nullopt for anything else, such as "@" or "bob smith", which
/// no command could name back.
std::optional<std::string> console_user(std::string_view name);

struct ConsoleOptions {
    std::string user = "you";
    std::string conversation = "general";
    bool interactive = false;  ///< print a prompt before each line
};

class ConsoleSession {
  public:
    /// Commands go in through `front_door` (console_platform_profile() registered on it),
    /// and the console's outbox goes out through an app::OutboxWorker with a
    /// ConsoleDeliverer over `store`. `clock` is the service's clock; `:advance` moves it
    /// forward.
    ConsoleSession(app::FrontDoor& front_door, app::IncidentService& service, store::Store& store,
                   app::AdjustableClock& clock, std::istream& in, std::ostream& out,
                   ConsoleOptions options);

    /// First moves the clock forward to the latest event already in the store, if it is
    /// behind (a restart after `:advance`). Then reads lines until `:quit` or end of
    /// input. Returns the number of lines that failed (unknown console commands, bad
    /// arguments); bot refusals are not failures.
    int run();

    /// Runs one line, as run() does.
    bool execute(const std::string& line);

  private:
    void catch_up_clock();
    bool run_command(const std::string& text, const std::string& conversation, bool typed);
    /// Prompts for the form's fields and submits it until it is accepted or left.
    void fill_and_submit(const chat::Form& form);
    app::Inbound inbound(const std::string& conversation) const;
    bool act_as(const std::string& argument);
    bool click(const std::string& argument);
    bool advance(const std::string& argument);
    void deliver_outbox();
    void show(const app::Reply& reply);
    void remember_buttons(const chat::Message& message, const std::string& conversation);
    std::string prompt() const;

    app::FrontDoor& front_door_;
    app::IncidentService& service_;
    store::Store& store_;
    app::AdjustableClock& clock_;
    std::istream& in_;
    std::ostream& out_;
    ConsoleOptions options_;
    std::vector<chat::Button> last_buttons_;
    std::string last_buttons_conversation_;
    ConsoleDeliverer deliverer_;
    std::unique_ptr<app::OutboxWorker> worker_;
};

}  // namespace firebreak::console
