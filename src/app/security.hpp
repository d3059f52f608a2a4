#pragma once
// Tokens, ids and password hashing, on libsodium.
#include <optional>
#include <string>
#include <string_view>

#include "app/ports.hpp"

namespace roster::app {

inline constexpr std::size_t kTokenBytes = 32;

std::string Base64UrlEncode(std::string_view bytes);
std::optional<std::string> Base64UrlDecode(std::string_view text);

// A fresh secret token: 32 random bytes, base64url without padding.
std::string NewToken(Random& random);
// A fresh opaque id: 16 random bytes, lower-case hex.
std::string NewId(Random& random);
// The same shape, time-ordered: 6 bytes of milliseconds since the epoch (big-endian), then 10
// random bytes. For rows written at a high rate (invitations, messages, audit events): new keys
// land at the end of their index instead of on a random page.
std::string NewId(Random& random, Timestamp now);
// What the store keeps of a token: SHA-256, hex. Tokens are looked up by this hash only.
std::string HashToken(std::string_view token);
// The RFC 7636 S256 code challenge of a PKCE verifier: base64url(SHA-256(verifier)).
std::string PkceS256(std::string_view verifier);
// Constant-time comparison of two strings.
bool SecureEquals(std::string_view a, std::string_view b);

// Calls sodium_init(); safe to call more than once. Throws if libsodium cannot start.
void InitCrypto();

class SodiumRandom final : public Random {
 public:
  std::string Bytes(std::size_t count) override;
};

// argon2id via crypto_pwhash_str at the INTERACTIVE limits.
class Argon2Hasher final : public PasswordHasher {
 public:
  std::string Hash(std::string_view password) override;
  bool Verify(std::string_view hash, std::string_view password) override;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

}  // namespace roster::app
