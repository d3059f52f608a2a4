#pragma once
// Response bodies written straight into one string, for the hot list pages: building a
// boost::json tree first costs an allocation per value (most of a page's CPU time). The output
// is byte-for-byte what json::serialize(PageJson(page)) gives; tests/unit/json_writer_test.cpp
// holds the two to that.
#include <string>
#include <string_view>

#include "app/invitations.hpp"
#include "app/paging.hpp"
#include "domain/model.hpp"

namespace roster::http {

// Appends JSON tokens; the caller keeps the structure valid.
class JsonWriter {
 public:
  explicit JsonWriter(std::size_t reserve = 0) { out_.reserve(reserve); }
  void BeginObject() { Separate(); out_ += '{'; first_ = true; }
  void EndObject() { out_ += '}'; first_ = false; }
  void BeginArray() { Separate(); out_ += '['; first_ = true; }
  void EndArray() { out_ += ']'; first_ = false; }
  void Key(std::string_view key);  // a key, then exactly one value
  void String(std::string_view value);
  void Null() { Separate(); out_ += "null"; }
  std::string Take() { return std::move(out_); }

 private:
  void Separate();

  std::string out_;
  bool first_ = true;
  bool after_key_ = false;
};

std::string PageBody(const app::Page<domain::Member>& page);
std::string PageBody(const app::Page<app::InvitationView>& page);

}  // namespace roster::http
