// Fuzz target: page cursors (app::CursorCodec). Decoding any string must either return a value
// or throw domain::Error validation_failed on the field "cursor" — never crash, never throw
// anything else. The first input byte picks a mode:
//   0: the rest is a cursor as a client would send it (raw text);
//   1: the rest is a cursor payload that the harness signs with the codec's key, so the fuzzer
//      reaches the field parsing behind the MAC check (tag, separators, numbers, ids);
//   2: the rest seeds valid positions: Encode then Decode must round-trip.
#include <sodium.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "app/paging.hpp"
#include "app/security.hpp"
#include "domain/error.hpp"
#include "fuzz_check.hpp"

namespace {

using roster::app::CursorCodec;
using roster::domain::Error;
using roster::domain::ErrorCode;

const std::string kKey = "fuzz-cursor-key-0123456789abcdef";

// Returns true when `decode` succeeded; aborts on any outcome but success or a cursor error.
bool DecodesOrRejects(const std::function<void()>& decode) {
  try {
    decode();
    return true;
  } catch (const Error& e) {
    FUZZ_CHECK(e.code() == ErrorCode::kValidationFailed, std::string(ToString(e.code())));
    FUZZ_CHECK(e.fields().size() == 1 && e.fields()[0].field == "cursor");
    return false;
  }
  // Any other exception escapes to libFuzzer and is reported as a crash.
}

// What CursorCodec::Pack produces for `raw`: base64url(raw + first 16 bytes of HMAC-SHA256).
std::string Sign(const std::string& raw) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(kKey.data()),
                              kKey.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(raw.data()),
                                raw.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return roster::app::Base64UrlEncode(raw + std::string(reinterpret_cast<char*>(mac), 16));
}

void DecodeAll(const CursorCodec& codec, const std::string& text) {
  DecodesOrRejects([&] {
    const auto m = codec.DecodeMember(text);
    FUZZ_CHECK(!m.username_key.empty() && m.username_key.size() <= 32 && m.user_id.size() == 32);
  });
  DecodesOrRejects([&] {
    const auto i = codec.DecodeInvitation(text);
    FUZZ_CHECK(i.created_at_ms >= 0 && i.id.size() == 32);
  });
  DecodesOrRejects([&] { FUZZ_CHECK(codec.DecodeAudit(text) >= 0); });
}

std::string HexId(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  for (std::size_t i = 0; i < 32; ++i) {
    const auto b = i / 2 < bytes.size() ? static_cast<unsigned char>(bytes[i / 2]) : 0;
    id.push_back(kHex[i % 2 ? b & 15 : b >> 4]);
  }
  return id;
}

void RoundTrip(const CursorCodec& codec, const std::string& in) {
  // A username key as the store has them: 3..32 of [a-z0-9._-].
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789._-";
  std::string key;
  for (std::size_t i = 0; i < in.size() && key.size() < 32; ++i) {
    key.push_back(kChars[static_cast<unsigned char>(in[i]) % (sizeof kChars - 1)]);
  }
  while (key.size() < 3) key.push_back('a');
  std::int64_t number = 0;
  for (std::size_t i = 0; i < in.size() && i < 8; ++i) {
    number = (number << 8) | static_cast<unsigned char>(in[i]);
  }
  if (number < 0) number = -(number + 1);
  const std::string id = HexId(in);

  const auto m = codec.DecodeMember(codec.Encode(roster::app::MemberCursor{key, id}));
  FUZZ_CHECK(m.username_key == key && m.user_id == id);
  const auto i = codec.DecodeInvitation(codec.Encode(roster::app::InvitationCursor{number, id}));
  FUZZ_CHECK(i.created_at_ms == number && i.id == id);
  FUZZ_CHECK(codec.DecodeAudit(codec.EncodeAudit(number)) == number);
  // A cursor of one list is never accepted by another.
  FUZZ_CHECK(!DecodesOrRejects([&] { codec.DecodeAudit(codec.Encode(
                                         roster::app::MemberCursor{key, id})); }));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  roster::app::InitCrypto();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const CursorCodec codec(kKey);
  const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: DecodeAll(codec, rest); break;
    case 1: DecodeAll(codec, Sign(rest)); break;
    default: RoundTrip(codec, rest); break;
  }
  return 0;
}
