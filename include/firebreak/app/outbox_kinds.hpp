#pragma once
// The kinds of outbox item the service writes, and their payloads. Adapters deliver them.

#include <string_view>

namespace firebreak::app::outbox_kind {

/// Create the incident's conversation. Payload: {"name", "private", "invite": [user],
/// "topic", "origin": {"conversation", "user"}, "announce": {"conversation", "parts"}}
/// ("origin": where it was declared, and by whom; "announce", absent for a private incident:
/// where to announce it, and the announcement's text around the conversation's name). The
/// deliverer records the new conversation's id on the incident (which queues the
/// announcement); when the name is taken it tries "<name>-2", "<name>-3", ... When it
/// fails for good, the origin and the announce conversation are told why.
inline constexpr std::string_view create_conversation = "create_conversation";

/// Post a chat::Message (payload) to the item's conversation ("" = the incident's own).
inline constexpr std::string_view post = "post";

/// Post a long text as one document rather than many messages (a postmortem draft).
/// Payload: {"title", "filename", "text" (Markdown), "message": a short chat::Message that
/// says what it is}. A platform that can attach files posts the text as a file with the
/// message; one that cannot shows the message and says where the whole text is.
inline constexpr std::string_view post_document = "post_document";

/// Post the incident's summary (a chat::Message) to its conversation and pin it; later
/// update_summary items edit this message.
inline constexpr std::string_view post_summary = "post_summary";

/// Replace the incident's pinned summary with the chat::Message in the payload.
inline constexpr std::string_view update_summary = "update_summary";

/// Post the incident's live checklist (a chat::Message) to its conversation and pin it,
/// next to the summary; later update_checklist items edit this message in place.
inline constexpr std::string_view post_checklist = "post_checklist";

/// Replace the incident's pinned checklist with the chat::Message in the payload.
inline constexpr std::string_view update_checklist = "update_checklist";

/// Bring a person into the incident's conversation (a help request's Join button).
/// Payload: {"user"}. Someone already in it is no failure.
inline constexpr std::string_view invite = "invite";

/// Set the conversation's topic. Payload: {"topic"}.
inline constexpr std::string_view set_topic = "set_topic";

/// Show a chat::Message to one person only. Payload: {"user", "message": {…}}.
inline constexpr std::string_view ephemeral = "ephemeral";

/// A post about delivery itself (a permanent failure); its own failure is only logged.
inline constexpr std::string_view notice = "notice";

/// Open a chat::Form for the person behind a form token. Payload: {"token", "form": {…}}.
/// Time-critical: a Slack trigger_id works once, within 3 s.
inline constexpr std::string_view open_form = "open_form";

/// Read a message back from the platform and add it to the incident's timeline (the
/// platform's request named it but did not carry it). Payload: {"message_id",
/// "captured_by"}; the item's conversation is the message's.
inline constexpr std::string_view capture_message = "capture_message";

}  // namespace firebreak::app::outbox_kind
