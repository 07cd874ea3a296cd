// Fuzzes what Teams posts to /teams/messages before anything trusts it: the activity JSON
// decoded in both incident-space modes, with a directory that learns across inputs.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "firebreak/teams/decode.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "teams_activity fuzzer: %s\n", what);
    std::abort();
}

void check(const firebreak::teams::Decoded& r) {
    using namespace firebreak;
    if (r.refusal) {
        if (r.refusal->empty()) fail("a refusal without a reason");
        if (r.inbound || r.installed || !r.unknown_mentions.empty())
            fail("a refused activity still asks for something");
        return;
    }
    if (r.installed && !r.inbound) fail("an installation without its hello");
    if (!r.inbound) return;
    const app::Inbound& in = *r.inbound;
    if (in.platform != "teams") fail("an inbound for another platform");
    if (!teams::is_entra_id(in.user)) fail("an inbound from someone without an Entra id");
    if (in.conversation.empty() || in.form_token.empty() || in.dedupe_key.empty())
        fail("an inbound without conversation, form token or dedupe key");
    if (const auto* typed = std::get_if<app::TypedCommand>(&in.body)) {
        const std::string& t = typed->text;
        if (!t.empty() && (t.front() == ' ' || t.back() == ' ')) fail("untrimmed command text");
        if (t.find("  ") != std::string::npos) fail("whitespace not collapsed");
        for (unsigned char ch : t)
            if (ch < 0x20 || ch == 0x7F) fail("a control character in command text");
    }
    if (const auto* press = std::get_if<app::ButtonPress>(&in.body))
        if (press->command.empty()) fail("a button press without a command");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace firebreak;
    static teams::Directory directory(64);
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    const core::Timestamp now{core::Duration{1'795'341'600}};
    try {
        teams::DecodeSettings channels;
        teams::DecodeSettings threads;
        threads.thread_per_incident = true;
        auto a = teams::decode_activity(body, channels, now, directory);
        check(a);
        auto b = teams::decode_activity(body, threads, now, directory);
        check(b);
        if (a.refusal != b.refusal) fail("the incident-space mode changed what is malformed");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "exception: %s\n", e.what());
        fail("decode_activity threw");
    }
    return 0;
}
