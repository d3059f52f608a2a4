#pragma once
// Time values of the domain: milliseconds since the Unix epoch, UTC. The domain never reads a
// clock; the current time is always an argument.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace roster::domain {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;
using Duration = std::chrono::milliseconds;

inline std::int64_t ToMillis(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp FromMillis(std::int64_t ms) { return Timestamp(Duration(ms)); }

// RFC 3339 UTC with a Z suffix, whole seconds: "2026-12-06T10:00:00Z".
std::string FormatRfc3339(Timestamp t);
// The same text written to `out` (room for kMaxRfc3339Length chars, no terminator); returns
// its length. For writers that must not allocate per value.
inline constexpr std::size_t kMaxRfc3339Length = 40;
std::size_t FormatRfc3339(Timestamp t, char* out);

// "90s", "15m", "12h", "7d" -> duration; nullopt for anything else (or zero).
std::optional<Duration> ParseDuration(std::string_view text);

}  // namespace roster::domain
