#include "firebreak/console/console_session.hpp"

#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "firebreak/app/outbox_kinds.hpp"
#include "firebreak/console/text_renderer.hpp"
#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::console {
namespace {

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

/// Splits ":word rest" into ("word", "rest").
std::pair<std::string, std::string> split_word(const std::string& s) {
    auto space = s.find(' ');
    if (space == std::string::npos) return {s, ""};
    return {s.substr(0, space), trim(s.substr(space + 1))};
}

constexpr const char* kConsoleHelp =
    "Console commands:\n"
    "  /incident <command>   run a command as the current user (/incident help lists them)\n"
    "  :as <user>            act as another person\n"
    "  :join <conversation>  move to another conversation (#general, an incident's channel)\n"
    "  :click <n>            press button n of the last message that had buttons\n"
    "  :advance <duration>   move the clock forward (15m, 2h) and fire due reminders\n"
    "  :quit                 leave (end of input does the same)\n";

}  // namespace

ConsoleSession::ConsoleSession(app::IncidentService& service, store::Store& store,
                               app::AdjustableClock& clock, std::istream& in, std::ostream& out,
                               ConsoleOptions options)
    : service_(service),
      store_(store),
      clock_(clock),
      in_(in),
      out_(out),
      options_(std::move(options)) {}

int ConsoleSession::run() {
    // Reminders that fell due while nothing was running fire once now.
    service_.fire_due_reminders();
    deliver_outbox();
    int failures = 0;
    std::string line;
    while (true) {
        if (options_.interactive) out_ << prompt() << std::flush;
        if (!std::getline(in_, line)) break;
        std::string text = trim(line);
        if (text == ":quit" || text == ":q") break;
        if (!options_.interactive && !text.empty() && text[0] != '#')
            out_ << prompt() << text << "\n";
        if (!execute(text)) ++failures;
    }
    return failures;
}

bool ConsoleSession::execute(const std::string& raw) {
    std::string line = trim(raw);
    if (line.empty() || line[0] == '#') return true;
    if (line.starts_with("/incident")) {
        std::string rest = line.substr(9);
        if (!rest.empty() && rest[0] != ' ') {
            out_ << "  Commands start with \"/incident \"; try /incident help.\n";
            return false;
        }
        return run_command(trim(rest), options_.conversation);
    }
    auto [word, argument] = split_word(line);
    if (word == ":as" && !argument.empty()) {
        options_.user = argument[0] == '@' ? argument.substr(1) : argument;
        out_ << "  (you are now @" << options_.user << ")\n";
        return true;
    }
    if (word == ":join" && !argument.empty()) {
        options_.conversation = argument[0] == '#' ? argument.substr(1) : argument;
        out_ << "  (you are now in #" << options_.conversation << ")\n";
        return true;
    }
    if (word == ":click") return click(argument);
    if (word == ":advance") return advance(argument);
    if (word == ":help") {
        out_ << kConsoleHelp;
        return true;
    }
    out_ << "  Unknown input. Type /incident help for incident commands, :help for the "
            "console's own.\n";
    return false;
}

bool ConsoleSession::run_command(const std::string& text, const std::string& conversation) {
    app::Reply reply = service_.handle(app::Invocation{conversation, options_.user, text});
    show(reply);
    deliver_outbox();
    return true;
}

bool ConsoleSession::click(const std::string& argument) {
    int n = 0;
    try {
        n = std::stoi(argument);
    } catch (const std::exception&) {
        n = 0;
    }
    if (n < 1 || n > static_cast<int>(last_buttons_.size())) {
        out_ << "  There is no button " << argument << " (the last message had "
             << last_buttons_.size() << ").\n";
        return false;
    }
    chat::Button button = last_buttons_[static_cast<std::size_t>(n - 1)];
    out_ << "  (@" << options_.user << " clicked \"" << button.label << "\")\n";
    return run_command(button.command, last_buttons_conversation_);
}

bool ConsoleSession::advance(const std::string& argument) {
    auto by = core::parse_duration(argument);
    if (!by) {
        out_ << "  :advance needs a duration such as 90s, 15m or 2h.\n";
        return false;
    }
    clock_.advance(*by);
    out_ << "  (the clock moved forward " << core::format_duration(*by) << ")\n";
    service_.fire_due_reminders();
    deliver_outbox();
    return true;
}

void ConsoleSession::show(const app::Reply& reply) {
    for (const auto& m : reply.messages) {
        if (reply.visibility == app::Visibility::ephemeral)
            out_ << "  (only you can see this)\n";
        else
            out_ << "  #" << options_.conversation << "  firebreak:\n";
        out_ << render(m, 1, "    ");
        remember_buttons(m, options_.conversation);
    }
}

void ConsoleSession::remember_buttons(const chat::Message& message,
                                      const std::string& conversation) {
    if (message.buttons.empty()) return;
    last_buttons_ = message.buttons;
    last_buttons_conversation_ = conversation;
}

void ConsoleSession::deliver_outbox() {
    // The console "platform": conversations are names, posts are printed. Items are
    // marked delivered as they are shown, exactly as a platform adapter would.
    while (true) {
        std::vector<store::OutboxItem> items;
        {
            auto tx = store_.begin();
            items = tx.deliverable(clock_.now(), 100);
        }
        if (items.empty()) return;
        for (const auto& item : items) {
            std::string conversation = item.conversation;
            if (conversation.empty() && item.incident_id) {
                auto tx = store_.begin();
                if (auto inc = tx.incident(*item.incident_id)) conversation = inc->conversation;
            }
            if (item.kind == app::outbox_kind::create_conversation && item.incident_id) {
                auto payload = nlohmann::json::parse(item.payload, nullptr, false);
                std::string name = payload.is_object() ? payload.value("name", "") : "";
                service_.attach_conversation(*item.incident_id, name);
                out_ << "  (#" << name << " was created and you joined it)\n";
                options_.conversation = name;
            } else if (item.kind == app::outbox_kind::post) {
                if (auto message = chat::deserialize(item.payload)) {
                    out_ << "  #" << conversation << "  firebreak:\n"
                         << render(*message, 1, "    ");
                    remember_buttons(*message, conversation);
                }
            }
            // update_summary: the console has no pinned message to edit.
            auto tx = store_.begin();
            tx.mark_delivered(item.id, clock_.now());
            tx.commit();
        }
    }
}

std::string ConsoleSession::prompt() const {
    return "@" + options_.user + " in #" + options_.conversation + "> ";
}

}  // namespace firebreak::console
