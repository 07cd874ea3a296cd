#pragma once
// IncidentService: load → core rules → persist state, timeline, reminders and outbox in
// the caller's transaction → reply. app::FrontDoor calls it for every platform; it talks
// to no platform itself.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "firebreak/app/clock.hpp"
#include "firebreak/app/invocation.hpp"
#include "firebreak/app/service_observer.hpp"
#include "firebreak/command/parser.hpp"
#include "firebreak/core/command.hpp"
#include "firebreak/core/naming.hpp"
#include "firebreak/core/policy.hpp"
#include "firebreak/core/reminder_plan.hpp"
#include "firebreak/core/rules.hpp"
#include "firebreak/core/templates.hpp"
#include "firebreak/core/time_zone.hpp"

namespace firebreak::store {
class Store;
class Transaction;
}  // namespace firebreak::store

namespace firebreak::app {

/// Everything the service takes from the admins' config. Replaced whole on reload.
struct ServiceSettings {
    core::Policy policy = core::Policy::playbook_default();
    core::Templates templates;
    std::string channel_pattern{core::kDefaultChannelPattern};
    /// When each reminder fires (the `reminders` section), including the business days
    /// (Mon–Fri) after resolve within which the blameless review is due.
    core::ReminderTimings reminders;
    /// Where each platform announces new incidents ("slack" → "C0123"); a platform that
    /// is absent announces nowhere.
    std::map<std::string, std::string> announce_conversations;
    /// Each platform's rules for conversation names ("slack" → 80 characters); a platform
    /// that is absent gets Slack's.
    std::map<std::string, core::NameRules> name_rules;
    /// The zone times are shown in where a message lists many (the timeline).
    core::TimeZone time_zone = core::TimeZone::utc();
    /// The public status page: where customers read it (links in chat; "" for none) and
    /// the zone its times are shown in.
    std::string status_page_url;
    core::TimeZone status_page_zone = core::TimeZone::utc();
    /// Every new incident's video bridge (`incident.bridge_url`, core::bridge_url fills
    /// it); "" for none.
    std::string bridge_url;
    /// Where each platform posts help requests (`incident.escalation_channel`); a platform
    /// that is absent posts them in its announce conversation.
    std::map<std::string, std::string> escalation_conversations;
};

/// The reminder kind for "a stakeholder update is due".
inline constexpr const char* kUpdateDueReminder = core::reminder::update_due;

class IncidentService {
  public:
    IncidentService(store::Store& store, const Clock& clock, ServiceSettings settings);

    /// Runs `command` in `tx`, which the caller commits. Refusals come back ephemeral and
    /// write nothing; Reply::changed says whether the command wrote its change.
    Reply run(store::Transaction& tx, const core::Command& command, const Invocation& invocation);

    /// The private answer to a command the grammar refused.
    Reply usage_error(const command::UsageError& error);

    /// Queues `message` for every platform's announce conversation (one transaction).
    /// False when no platform has one.
    bool announce(const chat::Message& message);

    /// Records the conversation a platform created for an incident.
    void attach_conversation(std::int64_t incident_id, const std::string& conversation);

    struct FiringReport {
        int fired = 0;
        int failed = 0;  ///< left due, to be tried again on the next pass
    };

    /// Fires every reminder due at or before now: each nudge and the record that it fired
    /// commit together, one reminder per transaction, so a failing incident never blocks
    /// the others. An update nudge re-arms one cadence later while the update stays
    /// overdue: never silence, and never twice for one due time.
    FiringReport fire_due_reminders();

    /// The time of the latest timeline event of any incident; nullopt when there is none.
    std::optional<core::Timestamp> latest_event_time();

    /// When the earliest pending reminder is due, for the scheduler's timer.
    std::optional<core::Timestamp> next_reminder_due();

    const ServiceSettings& settings() const { return settings_; }

    /// Tells `observer` (not owned; nullptr for none) about every command handled,
    /// incident declared and reminder fired. Set it before the service is used.
    void set_observer(ServiceObserver* observer) { observer_ = observer; }

    /// Applies new settings to the next command, and re-times the update reminder of every
    /// live incident to the new cadences (one transaction; a timeline event records each
    /// change of due time). Returns how many incidents were re-timed.
    int reconfigure(ServiceSettings settings);

  private:
    Reply declare(store::Transaction& tx, const core::cmd::Declare& command,
                  const Invocation& invocation);
    Reply change(store::Transaction& tx, const core::Command& command,
                 const Invocation& invocation);
    Reply query(store::Transaction& tx, const core::Command& command, const Invocation& invocation);
    /// The status page's commands (publishing.cpp).
    Reply publish(store::Transaction& tx, const core::Command& command,
                  const Invocation& invocation);
    /// The postmortem draft; the first one for a resolved incident records that the review
    /// started.
    Reply postmortem(store::Transaction& tx, const core::Incident& incident,
                     const Invocation& invocation);
    // The rest of the playbook (incident_service_playbook.cpp).
    /// The Join of a help request: the incident is named, not the conversation's.
    Reply join(store::Transaction& tx, const core::cmd::JoinIncident& command,
               const Invocation& invocation);
    /// What follows a committed change for people outside the incident's conversation:
    /// the help request in the escalation channel, the stakeholders' messages.
    void after_change(store::Transaction& tx, const core::Incident& before,
                      const core::Change& change, const core::Command& command,
                      core::Timestamp now);
    /// Tells the stakeholders of the incident's severity that have not heard of it yet
    /// (all of them on declare; the new level's on promotion); appends the event to `events`
    /// for the caller to store.
    void notify_new_stakeholders(store::Transaction& tx, const core::Incident& incident,
                                 core::Timestamp now, std::vector<core::TimelineEvent>& events);
    /// Where help requests from `platform` go; "" for nowhere.
    std::string escalation_conversation(const std::string& platform) const;

  public:
    /// Why `command` would be refused in the invocation's conversation, without running
    /// it: a form opens only for a command that would then be allowed.
    std::optional<std::string> refusal_for(store::Transaction& tx, const core::Command& command,
                                           const Invocation& invocation);

  private:
    /// False when the reminder was re-timed or fired since it was listed.
    bool fire_reminder(std::int64_t reminder_id);
    /// Tells the observer, if any, how a command ended.
    void counted(std::string_view result) const {
        if (observer_ != nullptr) observer_->command_handled(result);
    }

    store::Store& store_;
    const Clock& clock_;
    ServiceSettings settings_;
    ServiceObserver* observer_ = nullptr;
};

}  // namespace firebreak::app
