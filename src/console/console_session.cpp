#include "firebreak/console/console_session.hpp"

#include <algorithm>
#include <charconv>
#include <istream>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string_view>

#include "console_forms.hpp"
#include "firebreak/command/text.hpp"
#include "firebreak/console/text_renderer.hpp"
#include "firebreak/core/printable.hpp"

namespace firebreak::console {
namespace {

using command::trim;

/// The longest `:advance`: beyond a month the dates the bot prints stop meaning anything.
constexpr core::Duration kMaxAdvance = std::chrono::days{30};

/// Splits ":word rest" into ("word", "rest").
std::pair<std::string, std::string> split_word(std::string_view s) {
    const auto space = std::find_if(s.begin(), s.end(), command::is_space);
    const auto at = static_cast<std::size_t>(space - s.begin());
    return {std::string(s.substr(0, at)), std::string(trim(s.substr(at)))};
}

/// A whole argument that is a positive decimal number; nullopt for "1x", "+1", "0".
std::optional<int> positive_number(std::string_view argument) {
    int n = 0;
    const auto [end, ec] = std::from_chars(argument.data(), argument.data() + argument.size(), n);
    if (ec != std::errc{} || end != argument.data() + argument.size() || n < 1) return std::nullopt;
    return n;
}

constexpr const char* kConsoleHelp =
    "Console commands:\n"
    "  /incident <command>   run a command as the current user (/incident help lists them)\n"
    "  :as <user>            act as another person\n"
    "  :join <conversation>  move to another conversation (#general, an incident's channel)\n"
    "  :click <n>            press button n of the last message that had buttons\n"
    "  :advance <duration>   move the clock forward (15m, 2h; at most 30d) and fire due\n"
    "                        reminders\n"
    "  :quit                 leave (end of input does the same)\n";

}  // namespace

std::optional<std::string> console_user(std::string_view name) {
    if (name.starts_with('@')) name.remove_prefix(1);
    const bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-';
    });
    if (!valid) return std::nullopt;
    return std::string(name);
}

ConsoleSession::ConsoleSession(app::FrontDoor& front_door, app::IncidentService& service,
                               store::Store& store, app::AdjustableClock& clock, std::istream& in,
                               std::ostream& out, ConsoleOptions options)
    : front_door_(front_door),
      service_(service),
      store_(store),
      clock_(clock),
      in_(in),
      out_(out),
      options_(std::move(options)),
      deliverer_(out, ConsoleDeliverer::Hooks{
                          [this](const std::string& conversation) {
                              options_.conversation = conversation;
                          },
                          [this](const chat::Message& message, const std::string& conversation) {
                              remember_buttons(message, conversation);
                          }}) {
    // One at a time: a terminal shows the conversations' messages in one stream.
    app::OutboxWorkerOptions delivery;
    delivery.max_in_flight = 1;
    delivery.urgent_slots = 0;
    worker_ = std::make_unique<app::OutboxWorker>(store_, clock_, deliverer_, delivery);
}

int ConsoleSession::run() {
    catch_up_clock();
    // Reminders that fell due while nothing was running fire once now.
    service_.fire_due_reminders();
    deliver_outbox();
    int failures = 0;
    std::string line;
    while (true) {
        if (options_.interactive) out_ << prompt() << std::flush;
        if (!std::getline(in_, line)) break;
        const std::string text(trim(line));
        if (text == ":quit" || text == ":q") break;
        if (!options_.interactive && !text.empty() && text[0] != '#')
            out_ << core::printable(prompt() + text) << "\n";
        if (!execute(text)) ++failures;
    }
    return failures;
}

bool ConsoleSession::execute(const std::string& raw) {
    const std::string_view line = trim(raw);
    if (line.empty() || line[0] == '#') return true;
    if (line.starts_with("/incident")) {
        const std::string_view rest = line.substr(9);
        if (!rest.empty() && !command::is_space(rest[0])) {
            out_ << "  Commands start with \"/incident \"; try /incident help.\n";
            return false;
        }
        return run_command(std::string(trim(rest)), options_.conversation, true);
    }
    auto [word, argument] = split_word(line);
    if (word == ":as") return act_as(argument);
    if (word == ":join" && !argument.empty()) {
        options_.conversation = core::printable(argument[0] == '#' ? argument.substr(1) : argument);
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

app::Inbound ConsoleSession::inbound(const std::string& conversation) const {
    app::Inbound in;
    in.platform = "console";
    in.conversation = conversation;
    in.user = options_.user;
    in.received_at = clock_.now();
    return in;
}

bool ConsoleSession::run_command(const std::string& text, const std::string& conversation,
                                 bool typed) {
    app::Inbound in = inbound(conversation);
    if (typed)
        in.body = app::TypedCommand{text};
    else
        in.body = app::ButtonPress{text};
    app::Answer answer = front_door_.handle(in);
    if (answer.kind == app::Answer::Kind::form && answer.form)
        fill_and_submit(*answer.form);
    else
        show(answer.reply);
    deliver_outbox();
    return true;
}

void ConsoleSession::fill_and_submit(const chat::Form& form) {
    chat::FieldErrors errors;
    chat::FieldValues values;
    while (true) {
        auto filled = fill_form(form, errors, values, options_.user,
                                FormPrompt{in_, out_, !options_.interactive, clock_.now()});
        if (!filled) {
            out_ << "  (the form was left; nothing was sent)\n";
            return;
        }
        values = *filled;
        app::Inbound in = inbound(options_.conversation);
        in.body = app::FormSubmission{form.id, form.context, values};
        app::Answer answer = front_door_.handle(in);
        if (answer.kind != app::Answer::Kind::form_errors) return;
        errors = answer.errors;
    }
}

bool ConsoleSession::act_as(const std::string& argument) {
    const std::optional<std::string> user = console_user(argument);
    if (!user) {
        out_ << "  :as needs one name " << kUserNameRule << ", such as :as alice.\n";
        return false;
    }
    options_.user = *user;
    out_ << "  (you are now @" << options_.user << ")\n";
    return true;
}

bool ConsoleSession::click(const std::string& argument) {
    const std::optional<int> n = positive_number(argument);
    if (!n) {
        out_ << "  :click needs a button number, such as :click 1.\n";
        return false;
    }
    if (*n > static_cast<int>(last_buttons_.size())) {
        out_ << "  There is no button " << *n << " (the last message had " << last_buttons_.size()
             << ").\n";
        return false;
    }
    chat::Button button = last_buttons_[static_cast<std::size_t>(*n - 1)];
    out_ << "  (@" << options_.user << " clicked \"" << button.label << "\")\n";
    return run_command(button.command, last_buttons_conversation_, false);
}

bool ConsoleSession::advance(const std::string& argument) {
    auto by = core::parse_duration(argument);
    if (!by) {
        out_ << "  :advance needs a duration such as 90s, 15m or 2h.\n";
        return false;
    }
    if (*by > kMaxAdvance) {
        out_ << "  :advance moves the clock at most " << core::format_duration(kMaxAdvance)
             << " at a time.\n";
        return false;
    }
    clock_.advance(*by);
    out_ << "  (the clock moved forward " << core::format_duration(*by) << ")\n";
    service_.fire_due_reminders();
    deliver_outbox();
    return true;
}

void ConsoleSession::catch_up_clock() {
    // The offset `:advance` added is not kept, so a restarted console's clock can be
    // behind events it wrote before; new events must not predate them.
    std::optional<core::Timestamp> latest = service_.latest_event_time();
    const core::Timestamp now = clock_.now();
    if (latest && *latest > now) clock_.advance(*latest - now);
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
    // Through the production worker: every pass delivers what may go now, in order within
    // each conversation; the console's deliverer prints it.
    for (int pass = 0; pass < 1000; ++pass) {
        auto next = worker_->deliver_due();
        if (!next || *next > clock_.now()) return;
    }
}

std::string ConsoleSession::prompt() const {
    return "@" + options_.user + " in #" + options_.conversation + "> ";
}

}  // namespace firebreak::console
