#include "http/json_writer.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "domain/time.hpp"

namespace roster::http {

namespace {

constexpr char kHex[] = "0123456789abcdef";

// Bytes that boost::json::serialize escapes: quote, backslash and control characters.
constexpr auto kNeedsEscape = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = true;
  table['"'] = table['\\'] = true;
  return table;
}();

// Writes the escape sequence of `c` at `out`; returns the end.
char* WriteEscape(char* out, unsigned char c) {
  *out++ = '\\';
  switch (c) {
    case '"':
      *out++ = '"';
      break;
    case '\\':
      *out++ = '\\';
      break;
    case '\b':
      *out++ = 'b';
      break;
    case '\f':
      *out++ = 'f';
      break;
    case '\n':
      *out++ = 'n';
      break;
    case '\r':
      *out++ = 'r';
      break;
    case '\t':
      *out++ = 't';
      break;
    default:
      *out++ = 'u';
      *out++ = '0';
      *out++ = '0';
      *out++ = kHex[c >> 4];
      *out++ = kHex[c & 0xF];
  }
  return out;
}

void Time(JsonWriter& w, const char* key, domain::Timestamp t) {
  w.Key(key);
  w.Timestamp(t);
}

void OptTime(JsonWriter& w, const char* key, const std::optional<domain::Timestamp>& t) {
  w.Key(key);
  if (t) {
    w.Timestamp(*t);
  } else {
    w.Null();
  }
}

void Field(JsonWriter& w, const char* key, std::string_view value) {
  w.Key(key);
  w.String(value);
}

void Write(JsonWriter& w, const domain::Member& m) {
  w.BeginObject();
  Field(w, "user_id", m.user_id);
  Field(w, "email", m.email);
  Field(w, "username", m.username);
  Field(w, "role", ToString(m.role));
  Field(w, "status", ToString(m.status));
  Time(w, "joined_at", m.joined_at);
  OptTime(w, "removed_at", m.removed_at);
  w.EndObject();
}

void Write(JsonWriter& w, const app::InvitationView& view) {
  const auto& inv = view.invitation;
  w.BeginObject();
  Field(w, "id", inv.id);
  Field(w, "email", inv.email);
  Field(w, "username", inv.username);
  Field(w, "role", ToString(inv.role));
  Field(w, "status", ToString(view.status));
  Time(w, "created_at", inv.created_at);
  Time(w, "expires_at", inv.expires_at);
  w.Key("invited_by");
  w.BeginObject();
  Field(w, "user_id", inv.invited_by_user_id);
  Field(w, "username", inv.invited_by_username);
  w.EndObject();
  OptTime(w, "accepted_at", inv.accepted_at);
  OptTime(w, "revoked_at", inv.revoked_at);
  Field(w, "email_delivery", ToString(inv.email_delivery));
  if (view.invite_url) Field(w, "invite_url", *view.invite_url);
  w.EndObject();
}

template <class T>
std::string Body(const app::Page<T>& page, std::size_t bytes_per_item) {
  JsonWriter w(64 + page.items.size() * bytes_per_item);
  w.BeginObject();
  w.Key("items");
  w.BeginArray();
  for (const auto& item : page.items) Write(w, item);
  w.EndArray();
  w.Key("next_cursor");
  if (page.next_cursor) {
    w.String(*page.next_cursor);
  } else {
    w.Null();
  }
  w.EndObject();
  return w.Take();
}

}  // namespace

void JsonWriter::Enlarge(std::size_t n) { out_.resize(std::max(2 * out_.size(), size_ + n)); }

void JsonWriter::Raw(std::string_view text) {
  std::memcpy(Grow(text.size()), text.data(), text.size());
  size_ += text.size();
}

void JsonWriter::Escaped(std::string_view text) {
  char* out = Grow(2 + 6 * text.size());  // each byte escapes to at most 6 ("\u001f")
  *out++ = '"';
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p != end) {
    const char* clean = p;
    while (p != end && !kNeedsEscape[static_cast<unsigned char>(*p)]) ++p;
    std::memcpy(out, clean, static_cast<std::size_t>(p - clean));
    out += p - clean;
    if (p != end) out = WriteEscape(out, static_cast<unsigned char>(*p++));
  }
  *out++ = '"';
  size_ = static_cast<std::size_t>(out - out_.data());
}

void JsonWriter::Separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_) Put(',');
  first_ = false;
}

void JsonWriter::Key(std::string_view key) {
  Separate();
  Escaped(key);
  Put(':');
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  Separate();
  Escaped(value);
}

void JsonWriter::Timestamp(domain::Timestamp value) {
  Separate();
  char* out = Grow(2 + domain::kMaxRfc3339Length);
  *out = '"';
  const std::size_t length = domain::FormatRfc3339(value, out + 1);
  out[length + 1] = '"';
  size_ += length + 2;
}

std::string PageBody(const app::Page<domain::Member>& page) { return Body(page, 256); }
std::string PageBody(const app::Page<app::InvitationView>& page) { return Body(page, 448); }

std::string ItemBody(const domain::Member& member) {
  JsonWriter w(256);
  Write(w, member);
  return w.Take();
}

std::string ItemBody(const app::InvitationView& view) {
  JsonWriter w(448);
  Write(w, view);
  return w.Take();
}

}  // namespace roster::http
