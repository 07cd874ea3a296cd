// Fuzzes what Slack's requests carry before anything trusts them: the form body, the
// interaction payload's JSON (forms submitted with any shape), the signature headers, and
// the rendering of whatever text came in back into Block Kit within Slack's limits.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "firebreak/chat/untrusted_json.hpp"
#include "firebreak/slack/blocks.hpp"
#include "firebreak/slack/form.hpp"
#include "firebreak/slack/modals.hpp"
#include "firebreak/slack/signature.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "slack_request fuzzer: %s\n", what);
    std::abort();
}

void check_rendered(const nlohmann::json& out) {
    const auto& blocks = out["blocks"];
    if (blocks.size() > firebreak::slack::kMaxBlocks) fail("more than 50 blocks");
    for (const auto& b : blocks)
        if (b.contains("text") && b["text"]["text"].get<std::string>().size() > 3000)
            fail("a section over 3000 bytes");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace firebreak;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        auto form = slack::parse_form(bytes);
        std::string payload = form ? slack::field(*form, "payload") : std::string(bytes);
        // As the endpoint parses it: deeper than 64 levels is refused before a document is
        // built, and a copy of one deeper would overflow the stack.
        if (auto json = chat::parse_untrusted_json(payload)) {
            if (chat::nests_deeper_than(json->dump(), chat::kMaxJsonDepth))
                fail("parse_untrusted_json built a document over its depth limit");
            const auto view = json->is_object() && json->contains("view") ? (*json)["view"] : *json;
            (void)slack::read_submission(view);
        }
        std::string text = slack::unescape(form ? slack::field(*form, "text") : payload);
        chat::Message m;
        m.text = text;
        m.fields.push_back({text.substr(0, 40), text});
        m.buttons.push_back({text.substr(0, 100), text, chat::ButtonStyle::primary});
        m.footer = text;
        check_rendered(slack::render(m));
        for (const auto& piece : slack::split_text(text, 100))
            if (piece.size() > 100) fail("split_text made a piece over its limit");
        slack::SlackSignatureVerifier verifier("secret");
        auto ts = form ? slack::field(*form, "ts") : std::string();
        (void)verifier.check(ts, slack::field(form.value_or(slack::FormFields{}), "sig"), bytes,
                             core::Timestamp{core::Duration{1'795'341'600}});
    } catch (const std::exception& e) {
        std::fprintf(stderr, "exception: %s\n", e.what());
        fail("a parser threw");
    }
    return 0;
}
