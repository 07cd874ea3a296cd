#pragma once
// The incident aggregate and the records that hang off it.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "firebreak/core/role.hpp"
#include "firebreak/core/status.hpp"
#include "firebreak/core/time.hpp"

namespace firebreak::core {

/// A platform user id ("U024BE7LH" on Slack, a chosen name in the console).
using UserId = std::string;

/// "<@U123>": the neutral mention syntax that every adapter renders for its platform.
inline std::string mention(const UserId& user) {
    return "<@" + user + ">";
}

/// An author who is not a person: another app's post captured into the timeline (a
/// PagerDuty alert) is stored as "bot:<its name>". It is never a user id (no platform's id
/// has a colon), so it is shown as the name, never as a mention of someone.
inline constexpr std::string_view kBotAuthorPrefix = "bot:";

/// "bot:<name>", with the characters of chat markup (<, >) and line breaks dropped so the
/// name can only ever read as plain text; "bot:a bot" when nothing is left.
inline UserId bot_author(std::string_view name) {
    UserId out(kBotAuthorPrefix);
    for (char c : name)
        if (c != '<' && c != '>' && c != '\n' && c != '\r') out += c;
    if (out.size() == kBotAuthorPrefix.size()) out += "a bot";
    return out;
}

inline bool is_bot_author(const UserId& actor) {
    return actor.starts_with(kBotAuthorPrefix);
}

/// How an actor reads in a list: a person's mention, a bot author's name as plain text,
/// "firebreak" for the bot itself (no actor).
inline std::string author_label(const UserId& actor) {
    if (actor.empty()) return "firebreak";
    if (is_bot_author(actor)) return actor.substr(kBotAuthorPrefix.size());
    return mention(actor);
}

struct Impact {
    std::string what_broken;
    std::string who_affected;
    std::optional<Timestamp> started_at;  ///< when customers were first hurt, if known
    std::string recent_changes;
};

struct Milestones {
    Timestamp declared_at{};
    std::optional<Timestamp> acknowledged_at;  ///< first IC assigned
    std::optional<Timestamp> mitigated_at;
    std::optional<Timestamp> resolved_at;
    std::optional<Timestamp> closed_at;
    std::optional<Timestamp> canceled_at;
};

struct RoleHolder {
    UserId user;
    Timestamp since{};
    friend bool operator==(const RoleHolder&, const RoleHolder&) = default;
};

/// The longest incident title, in characters, whichever way the incident is declared: it
/// must stay readable in a channel topic, a summary card and a status page.
inline constexpr std::size_t kMaxTitleChars = 150;

struct Incident {
    std::int64_t id = 0;   ///< 0 until stored
    std::string name;      ///< "inc-20261122-checkout-errors", unique
    std::string platform;  ///< "slack", "teams", "console": where the incident is run
    std::string title;
    std::string severity;  ///< a SeverityLevel id
    Status status = Status::investigating;
    std::array<std::optional<RoleHolder>, 3> roles;  ///< indexed by core::index(Role)
    Impact impact;
    std::string service;
    bool is_private = false;
    bool is_drill = false;
    UserId declared_by;
    /// The chat conversation the incident is run in; empty until the platform made it.
    std::string conversation;
    /// The incident's video bridge (a URL); empty when it has none.
    std::string bridge_url;
    Milestones milestones;
    std::optional<Timestamp> last_update_at;
    /// When stakeholders must next hear from us; nullopt when the cadence is off or the
    /// incident is no longer live.
    std::optional<Timestamp> next_update_due;

    const std::optional<RoleHolder>& holder(Role r) const { return roles[index(r)]; }
    std::optional<RoleHolder>& holder(Role r) { return roles[index(r)]; }
    /// True when `user` currently holds role `r`.
    bool holds(const UserId& user, Role r) const { return holder(r) && holder(r)->user == user; }
};

enum class DecisionState { proposed, recorded };

/// Whether a decision can be undone. The guides prefer reversible mitigations; an
/// irreversible one needs the two-person rule at every severity.
enum class Reversibility { unstated, reversible, irreversible };

/// A decision in the decision log. In the top severity, and at any severity when it is
/// irreversible, it stays proposed until the IC and the TL (two different people) have
/// acknowledged it.
struct Decision {
    std::int64_t id = 0;
    std::int64_t incident_id = 0;
    int number = 0;  ///< 1, 2, ... within the incident; what `ack N` refers to
    std::string text;
    UserId proposed_by;
    Timestamp proposed_at{};
    std::optional<UserId> ic_ack;
    std::optional<UserId> tl_ack;
    DecisionState state = DecisionState::proposed;
    std::optional<Timestamp> recorded_at;
    Reversibility reversibility = Reversibility::unstated;
};

enum class WorkstreamState { active, blocked, done };

/// One of the guides' parallel workstreams (mitigation, diagnosis, ...), with one owner.
struct Workstream {
    std::int64_t id = 0;
    std::int64_t incident_id = 0;
    std::string name;
    UserId owner;
    std::string what;  ///< what it is doing, as the owner was given it
    WorkstreamState state = WorkstreamState::active;
    std::string note;  ///< the latest done/blocked text
    Timestamp started_at{};
    Timestamp updated_at{};
    friend bool operator==(const Workstream&, const Workstream&) = default;
};

enum class Priority { p1, p2, p3 };
enum class ActionState { open, done, wont_do };

/// A follow-up from the review: specific, owned, time-bound, verifiable.
struct ActionItem {
    std::int64_t id = 0;
    std::int64_t incident_id = 0;
    int number = 0;
    std::string text;
    UserId owner;
    Date due{};
    Priority priority = Priority::p2;
    std::string verify;
    ActionState state = ActionState::open;
    UserId created_by;
    Timestamp created_at{};
};

enum class UpdateKind { update, no_change };

/// A stakeholder update, with the time it was due so cadence adherence can be measured.
struct StatusUpdate {
    std::int64_t id = 0;
    std::int64_t incident_id = 0;
    UpdateKind kind = UpdateKind::update;
    std::string text;
    UserId author;
    Timestamp posted_at{};
    std::optional<Timestamp> due_at;
};

std::string_view to_string(DecisionState s);
std::optional<DecisionState> parse_decision_state(std::string_view text);
std::string_view to_string(Reversibility r);
std::optional<Reversibility> parse_reversibility(std::string_view text);
std::string_view to_string(WorkstreamState s);
std::optional<WorkstreamState> parse_workstream_state(std::string_view text);
std::string_view to_string(Priority p);
std::optional<Priority> parse_priority(std::string_view text);
std::string_view to_string(ActionState s);
std::optional<ActionState> parse_action_state(std::string_view text);
std::string_view to_string(UpdateKind k);
std::optional<UpdateKind> parse_update_kind(std::string_view text);

}  // namespace firebreak::core
