#pragma once
// Shared by the fuzz targets: a failed property aborts (libFuzzer records the input as a crash).
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#define FUZZ_CHECK(cond, ...)                                                       \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s\n", __FILE__, __LINE__, \
                   #cond);                                                          \
      ::roster::fuzz::Explain(__VA_ARGS__);                                         \
      std::abort();                                                                 \
    }                                                                               \
  } while (0)

namespace roster::fuzz {

inline void Explain() {}
inline void Explain(std::string_view what) {
  std::fprintf(stderr, "  %.*s\n", static_cast<int>(what.size()), what.data());
}

// Strict UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
inline bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    unsigned cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      n = 1, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated sequence
    for (std::size_t k = 1; k <= n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

// The body of a problem+json response: a JSON object whose status and code are present.
inline void CheckProblemBody(std::string_view body, int status) {
  boost::json::error_code ec;
  const auto doc = boost::json::parse(body, ec);
  FUZZ_CHECK(!ec, "problem+json body is not JSON: " + std::string(body));
  FUZZ_CHECK(doc.is_object(), std::string(body));
  const auto& obj = doc.as_object();
  const auto* s = obj.if_contains("status");
  FUZZ_CHECK(s && s->is_int64() && s->as_int64() == status, std::string(body));
  const auto* code = obj.if_contains("code");
  FUZZ_CHECK(code && code->is_string() && !code->as_string().empty(), std::string(body));
}

}  // namespace roster::fuzz
