#pragma once
// Builds RFC 5322 / MIME messages: multipart/alternative with quoted-printable text and HTML
// parts, RFC 2047 encoded headers. Every line ends in CRLF and is at most 998 octets.
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace roster::mail {

struct MimeMessage {
  std::string from;        // header value: "addr@x" or "Name <addr@x>"
  std::string to;          // the recipient address
  std::string subject;     // UTF-8
  std::string message_id;  // without angle brackets: "local@domain"
  domain::Timestamp date;
  std::string text;      // UTF-8, '\n' or "\r\n" line breaks
  std::string html;      // UTF-8
  std::string boundary;  // must not start any line of the encoded parts; "=_..." never does
};

std::string BuildMimeMessage(const MimeMessage& message);

// Quoted-printable (RFC 2045 6.7): lines of at most 76 characters, soft breaks "=\r\n",
// input line breaks become CRLF.
std::string EncodeQuotedPrintable(std::string_view text);
std::string EncodeBase64(std::string_view bytes);
// A header value as is when it is printable ASCII and short, else RFC 2047 "B" encoded-words
// of UTF-8, folded onto continuation lines. Control characters become spaces.
std::string EncodeHeaderText(std::string_view text);
// "Sun, 06 Dec 2026 10:00:00 +0000"
std::string FormatRfc5322Date(domain::Timestamp t);
// "Name <a@b>" -> "a@b"; "a@b" -> "a@b".
std::string MailboxAddress(std::string_view mailbox);

}  // namespace roster::mail
