#include "http/json_writer.hpp"

#include "domain/time.hpp"

namespace roster::http {

namespace {

constexpr char kHex[] = "0123456789abcdef";

// The escaping of boost::json::serialize: quote, backslash and control characters.
void AppendEscaped(std::string& out, std::string_view text) {
  out += '"';
  std::size_t clean_from = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.substr(clean_from, i - clean_from));
    clean_from = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(text.substr(clean_from));
  out += '"';
}

void Time(JsonWriter& w, const char* key, domain::Timestamp t) {
  w.Key(key);
  w.String(domain::FormatRfc3339(t));
}

void OptTime(JsonWriter& w, const char* key, const std::optional<domain::Timestamp>& t) {
  w.Key(key);
  if (t) {
    w.String(domain::FormatRfc3339(*t));
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

void JsonWriter::Separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_) out_ += ',';
  first_ = false;
}

void JsonWriter::Key(std::string_view key) {
  Separate();
  AppendEscaped(out_, key);
  out_ += ':';
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  Separate();
  AppendEscaped(out_, value);
}

std::string PageBody(const app::Page<domain::Member>& page) { return Body(page, 256); }
std::string PageBody(const app::Page<app::InvitationView>& page) { return Body(page, 448); }

}  // namespace roster::http
