#pragma once
// The requests the bench sends: slash commands and Events API callbacks, each with fresh
// ids and signed with the current time, exactly as Slack signs them (reference/slack.md).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firebreak/http/message.hpp"
#include "firebreak/slack/signature.hpp"

namespace firebreak::bench {

enum class RequestKind { declare, update, note, event };
inline constexpr std::array<RequestKind, 4> kAllKinds = {RequestKind::declare, RequestKind::update,
                                                         RequestKind::note, RequestKind::event};

std::string_view to_string(RequestKind kind);
std::optional<RequestKind> parse_kind(std::string_view name);

/// An incident the bench writes into: its Slack channel and a message in it to react to.
struct IncidentChannel {
    std::string id;
    std::string message_ts;
};

class SlackRequestFactory {
  public:
    explicit SlackRequestFactory(const std::string& signing_secret);

    /// Where updates, notes and reactions go, round-robin by request number.
    void set_channels(std::vector<IncidentChannel> channels) { channels_ = std::move(channels); }

    /// Request number `n` of `kind`: `/incident declare bench <tag> <n> sev3` from #general
    /// (trigger `<tag>.<n>`), `/incident update|note …` in an incident channel, or a
    /// reaction_added with the timeline emoji and event id `Ev<TAG><n>`.
    http::Request make(RequestKind kind, std::uint64_t n, std::string_view tag) const;

    /// `/incident <text>` typed in `channel`, with no trigger.
    http::Request typed_in(const std::string& channel, const std::string& text) const {
        return command(channel, text, "");
    }

    /// `/incident` with no text from #general: the bot opens the declare form for `trigger`.
    http::Request form_open(const std::string& trigger) const {
        return command("CGENERAL", "", trigger);
    }

  private:
    http::Request command(const std::string& channel, const std::string& text,
                          const std::string& trigger) const;
    http::Request event(std::uint64_t n, std::string_view tag) const;
    http::Request signed_post(const char* target, const char* content_type, std::string body) const;

    slack::SlackSignatureVerifier signer_;
    std::vector<IncidentChannel> channels_;
};

}  // namespace firebreak::bench
