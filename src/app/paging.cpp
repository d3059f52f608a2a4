#include "app/paging.hpp"

#include <sodium.h>

#include <charconv>

#include "app/security.hpp"
#include "domain/error.hpp"

namespace roster::app {
namespace {

using domain::Error;
using domain::ErrorCode;

[[noreturn]] void ThrowBadCursor() {
  throw Error(ErrorCode::kValidationFailed, "The cursor is not valid.",
              {{"cursor", "invalid", "Use the next_cursor value of a previous page"}});
}

std::int64_t ParseInt(const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < 0) ThrowBadCursor();
  return value;
}

bool IsHexId(const std::string& id) {
  return id.size() == 32 && id.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

void CheckLimit(int limit) {
  if (limit < 1 || limit > kMaxPageLimit) {
    throw Error(ErrorCode::kValidationFailed, "limit must be between 1 and 200.",
                {{"limit", "out_of_range", "Must be between 1 and 200"}});
  }
}

constexpr std::size_t kMacBytes = 16;

std::string CursorCodec::Mac(std::string_view payload) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key_.data()),
                              key_.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(payload.data()),
                                payload.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return std::string(reinterpret_cast<const char*>(mac), kMacBytes);
}

std::string CursorCodec::Pack(char tag, std::initializer_list<std::string_view> fields) const {
  std::string raw{tag};
  for (auto f : fields) {
    raw.push_back('\x1F');
    raw.append(f);
  }
  return Base64UrlEncode(raw + Mac(raw));
}

// Checks the MAC and the tag, then splits "tag\x1Fa\x1Fb" into exactly `parts` fields.
std::vector<std::string> CursorCodec::Unpack(const std::string& text, char tag,
                                             std::size_t parts) const {
  if (text.empty() || text.size() > 1024) ThrowBadCursor();
  auto raw = Base64UrlDecode(text);
  if (!raw || raw->size() < 2 + kMacBytes) ThrowBadCursor();
  const std::string payload = raw->substr(0, raw->size() - kMacBytes);
  if (!SecureEquals(Mac(payload), std::string_view(*raw).substr(payload.size()))) ThrowBadCursor();
  if (payload[0] != tag || payload[1] != '\x1F') ThrowBadCursor();
  std::vector<std::string> fields;
  std::size_t start = 2;
  while (true) {
    const auto sep = payload.find('\x1F', start);
    fields.push_back(payload.substr(start, sep == std::string::npos ? sep : sep - start));
    if (sep == std::string::npos) break;
    start = sep + 1;
  }
  if (fields.size() != parts) ThrowBadCursor();
  return fields;
}

std::string CursorCodec::Encode(const MemberCursor& c) const {
  return Pack('m', {c.username_key, c.user_id});
}

std::string CursorCodec::Encode(const InvitationCursor& c) const {
  return Pack('i', {std::to_string(c.created_at_ms), c.id});
}

std::string CursorCodec::EncodeAudit(std::int64_t seq) const {
  return Pack('a', {std::to_string(seq)});
}

MemberCursor CursorCodec::DecodeMember(const std::string& text) const {
  auto f = Unpack(text, 'm', 2);
  if (f[0].empty() || f[0].size() > 32 || !IsHexId(f[1])) ThrowBadCursor();
  return MemberCursor{f[0], f[1]};
}

InvitationCursor CursorCodec::DecodeInvitation(const std::string& text) const {
  auto f = Unpack(text, 'i', 2);
  if (!IsHexId(f[1])) ThrowBadCursor();
  return InvitationCursor{ParseInt(f[0]), f[1]};
}

std::int64_t CursorCodec::DecodeAudit(const std::string& text) const {
  auto f = Unpack(text, 'a', 1);
  return ParseInt(f[0]);
}

}  // namespace roster::app
