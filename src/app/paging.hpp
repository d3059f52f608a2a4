#pragma once
// Keyset pages and their opaque cursors. A cursor is base64url of a tagged position; anything
// that does not decode to the expected shape is a 422 validation_failed on "cursor".
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

std::string EncodeCursor(const MemberCursor& cursor);
std::string EncodeCursor(const InvitationCursor& cursor);
std::string EncodeAuditCursor(std::int64_t seq);
MemberCursor DecodeMemberCursor(const std::string& text);
InvitationCursor DecodeInvitationCursor(const std::string& text);
std::int64_t DecodeAuditCursor(const std::string& text);

}  // namespace roster::app
