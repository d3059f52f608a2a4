#pragma once
// Response bodies written straight into one string: every member and invitation document, the
// hot list pages among them. Building a boost::json tree first would cost an allocation per
// value (most of a page's CPU time).
#include <string>
#include <string_view>

#include "app/invitations.hpp"
#include "app/paging.hpp"
#include "domain/model.hpp"
#include "domain/time.hpp"

namespace roster::http {

// Appends JSON tokens; the caller keeps the structure valid. Writes through a raw pointer into
// a buffer grown ahead of each token: a call per character (std::string::push_back) was a third
// of a page's JSON time.
class JsonWriter {
 public:
  explicit JsonWriter(std::size_t reserve = 0) { out_.resize(reserve); }
  void BeginObject() {
    Separate();
    Put('{');
    first_ = true;
  }
  void EndObject() {
    Put('}');
    first_ = false;
  }
  void BeginArray() {
    Separate();
    Put('[');
    first_ = true;
  }
  void EndArray() {
    Put(']');
    first_ = false;
  }
  void Key(std::string_view key);  // a key, then exactly one value
  void String(std::string_view value);
  void Timestamp(domain::Timestamp value);  // as FormatRfc3339, quoted
  void Null() {
    Separate();
    Raw("null");
  }
  std::string Take() {
    out_.resize(size_);
    size_ = 0;
    return std::move(out_);
  }

 private:
  void Separate();
  // Room for `n` more bytes; returns where they go. Inline: it runs for every token.
  char* Grow(std::size_t n) {
    if (out_.size() - size_ < n) Enlarge(n);
    return out_.data() + size_;
  }
  void Enlarge(std::size_t n);
  void Put(char c) {
    *Grow(1) = c;
    ++size_;
  }
  void Raw(std::string_view text);
  void Escaped(std::string_view text);

  std::string out_;  // out_[0, size_) is written; the rest is room
  std::size_t size_ = 0;
  bool first_ = true;
  bool after_key_ = false;
};

std::string PageBody(const app::Page<domain::Member>& page);
std::string PageBody(const app::Page<app::InvitationView>& page);
std::string ItemBody(const domain::Member& member);
std::string ItemBody(const app::InvitationView& view);

}  // namespace roster::http
