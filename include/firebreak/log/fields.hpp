#pragma once
// Structured fields for the log lines written while a piece of work runs on this thread:
// the request, platform, incident, outbox item and duration it concerns. The JSON log
// format writes them as fields of each line; the text format leaves them out (the messages
// already name what they concern). Header-only, so every module may set them without a
// dependency on the logger.

#include <cstdint>
#include <optional>
#include <string_view>

namespace firebreak::log {

struct Fields {
    std::string_view request_id;  ///< the platform's id for the request (a dedupe key)
    std::string_view platform;    ///< "slack", "teams", "console"
    std::optional<std::int64_t> incident;
    std::optional<std::int64_t> outbox_item;
    std::optional<double> duration_ms;
};

namespace detail {
inline thread_local const Fields* current = nullptr;
}

/// The fields of the innermost Scope on this thread; nullptr outside any.
inline const Fields* current_fields() noexcept {
    return detail::current;
}

/// Sets this thread's fields for its lifetime. `fields` (and the strings it views) must
/// outlive the scope; nested scopes replace, then restore, the outer one's.
class Scope {
  public:
    explicit Scope(const Fields& fields) noexcept : outer_(detail::current) {
        detail::current = &fields;
    }
    ~Scope() { detail::current = outer_; }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

  private:
    const Fields* outer_;
};

}  // namespace firebreak::log
