// Fuzzes the outbox's message JSON: a row read back after a crash or an upgrade may hold
// anything, and must either load or be refused, never crash the outbox worker.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include "firebreak/chat/message.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "chat_message fuzzer: %s\n", what);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view json(reinterpret_cast<const char*>(data), size);
    try {
        const std::optional<firebreak::chat::Message> message = firebreak::chat::deserialize(json);
        if (!message) return 0;
        const std::string again = firebreak::chat::serialize(*message);
        const std::optional<firebreak::chat::Message> round_trip =
            firebreak::chat::deserialize(again);
        if (!round_trip) fail("serialize() wrote JSON that deserialize() refuses");
        if (*round_trip != *message) fail("serialize -> deserialize does not round-trip");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "exception: %s\n", e.what());
        fail("deserialize or serialize threw");
    } catch (...) {
        fail("deserialize or serialize threw a non-std exception");
    }
    return 0;
}
