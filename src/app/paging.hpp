#pragma once
// Keyset pages and their opaque cursors. A cursor is base64url of a tagged position followed by
// an HMAC of it under a key the instances share: a cursor the server did not issue (tampered,
// forged, or of another list) is a 422 validation_failed on "cursor", never a query.
#include <optional>
#include <string>
#include <vector>

#include "app/ports.hpp"

namespace roster::app {

inline constexpr int kDefaultPageLimit = 50;
inline constexpr int kMaxPageLimit = 200;

template <class T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;
};

// Throws validation_failed unless 1 <= limit <= 200.
void CheckLimit(int limit);

class CursorCodec {
 public:
  // `key`: the shared secret (Store::LoadOrCreateSecret("cursor_key", ...)).
  explicit CursorCodec(std::string key) : key_(std::move(key)) {}

  std::string Encode(const MemberCursor& cursor) const;
  std::string Encode(const InvitationCursor& cursor) const;
  std::string EncodeAudit(std::int64_t seq) const;
  MemberCursor DecodeMember(const std::string& text) const;
  InvitationCursor DecodeInvitation(const std::string& text) const;
  std::int64_t DecodeAudit(const std::string& text) const;

 private:
  std::string Pack(char tag, std::initializer_list<std::string_view> fields) const;
  std::vector<std::string> Unpack(const std::string& text, char tag, std::size_t parts) const;
  std::string Mac(std::string_view payload) const;

  std::string key_;
};

}  // namespace roster::app
