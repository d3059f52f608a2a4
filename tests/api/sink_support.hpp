#pragma once
// The SMTP sink and MIME reader of tests/support, plus what the API tests read from a message:
// its text and HTML parts and the invitation token of its link.
#include <string>
#include <string_view>

#include "mime_reader.hpp"
#include "smtp_sink.hpp"

namespace roster::testing::sink {

using test_support::DecodeBase64;
using test_support::DecodeEncodedWords;
using test_support::DecodeQuotedPrintable;
using test_support::MimePart;
using test_support::ParsedMessage;
using test_support::ParseMessage;
using test_support::SmtpSink;

// The decoded text/plain content of a message (the text/plain part of a multipart one).
std::string PlainText(const ParsedMessage& message);
// The decoded text/html part ("" when there is none).
std::string HtmlText(const ParsedMessage& message);
// The first "<base>/invite/<token>" link in `text`: the token (base64url characters); "" if none.
std::string InviteTokenIn(std::string_view text, std::string_view base);

}  // namespace roster::testing::sink
