#include "domain/time.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>

namespace roster::domain {

std::size_t FormatRfc3339(Timestamp t, char* out) {
  using namespace std::chrono;
  const auto secs = floor<seconds>(t);
  const auto day = floor<days>(secs);
  const year_month_day ymd{day};
  const hh_mm_ss hms{secs - day};
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {
    char buf[kMaxRfc3339Length + 1];
    const int n = std::snprintf(
        buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", year, static_cast<unsigned>(ymd.month()),
        static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
        static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
    const auto length = std::min(static_cast<std::size_t>(n), kMaxRfc3339Length);
    std::memcpy(out, buf, length);
    return length;
  }
  // Hot in list pages (two per row): digits by hand instead of snprintf.
  std::memcpy(out, "0000-00-00T00:00:00Z", 20);
  const auto put2 = [out](std::size_t at, unsigned value) {
    out[at] = static_cast<char>('0' + value / 10);
    out[at + 1] = static_cast<char>('0' + value % 10);
  };
  put2(0, static_cast<unsigned>(year / 100));
  put2(2, static_cast<unsigned>(year % 100));
  put2(5, static_cast<unsigned>(ymd.month()));
  put2(8, static_cast<unsigned>(ymd.day()));
  put2(11, static_cast<unsigned>(hms.hours().count()));
  put2(14, static_cast<unsigned>(hms.minutes().count()));
  put2(17, static_cast<unsigned>(hms.seconds().count()));
  return 20;
}

std::string FormatRfc3339(Timestamp t) {
  char buf[kMaxRfc3339Length];
  return std::string(buf, FormatRfc3339(t, buf));
}

std::optional<Duration> ParseDuration(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  const char unit = text.back();
  std::int64_t n = 0;
  const auto digits = text.substr(0, text.size() - 1);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc{} || end != digits.data() + digits.size() || n <= 0) return std::nullopt;
  constexpr std::int64_t kMaxSeconds = 10LL * 365 * 24 * 3600;  // ten years is plenty
  std::int64_t seconds = 0;
  switch (unit) {
    case 's': seconds = n; break;
    case 'm': seconds = n <= kMaxSeconds / 60 ? n * 60 : kMaxSeconds + 1; break;
    case 'h': seconds = n <= kMaxSeconds / 3600 ? n * 3600 : kMaxSeconds + 1; break;
    case 'd': seconds = n <= kMaxSeconds / 86400 ? n * 86400 : kMaxSeconds + 1; break;
    default: return std::nullopt;
  }
  if (seconds > kMaxSeconds) return std::nullopt;
  return std::chrono::seconds(seconds);
}

}  // namespace roster::domain
