// Fuzzes the `/incident` grammar: its input is whatever anyone in the workspace types.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <variant>

#include "firebreak/command/parser.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "command_parser fuzzer: %s\n", what);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const firebreak::command::ParseResult result =
            firebreak::command::parse(text, firebreak::command::ParseContext{"U1"});
        if (const auto* error = std::get_if<firebreak::command::UsageError>(&result)) {
            if (error->message.empty()) fail("a usage error without a message");
            const std::string shown = firebreak::command::render(*error);
            if (shown != error->message + "\nUsage: " + error->usage)
                fail("render() is not message + \"\\nUsage: \" + usage");
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "exception: %s\n", e.what());
        fail("parse or render threw; they promise never to");
    } catch (...) {
        fail("parse or render threw a non-std exception");
    }
    return 0;
}
