#include "mail/mime.hpp"

#include <array>
#include <chrono>
#include <cstdio>

namespace roster::mail {
namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::size_t kQpLineMax = 76;
constexpr std::size_t kHeaderPlainMax = 900;   // longer plain values get encoded and folded
constexpr std::size_t kEncodedWordBytes = 39;  // 52 base64 chars + 12 = 64 per encoded word

bool IsPrintableAscii(std::string_view text) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7e) return false;
  }
  return true;
}

std::string Hex(unsigned char byte) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  return {'=', kDigits[byte >> 4], kDigits[byte & 0xf]};
}

// Encodes one input line (no line break inside) into soft-broken QP lines.
void EncodeQpLine(std::string_view line, std::string& out) {
  std::size_t col = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto u = static_cast<unsigned char>(line[i]);
    const bool last = i + 1 == line.size();
    const bool whitespace = u == ' ' || u == '\t';
    const bool plain =
        (u >= 33 && u <= 126 && u != '=' && !(u == '.' && col == 0)) || (whitespace && !last);
    const std::string token = plain ? std::string(1, line[i]) : Hex(u);
    // Keep room for the soft break "=" (and for a following encoded trailing space).
    if (col + token.size() > kQpLineMax - 1) {
      out += '=';
      out += kCrlf;
      col = 0;
      if (u == '.') {  // a '.' now starts a line: encode it
        out += Hex(u);
        col = 3;
        continue;
      }
    }
    out += token;
    col += token.size();
  }
}

std::string ContentPart(std::string_view boundary, std::string_view type, std::string_view body) {
  std::string part;
  part += "--" + std::string(boundary) + std::string(kCrlf);
  part += "Content-Type: " + std::string(type) + "; charset=UTF-8" + std::string(kCrlf);
  part += "Content-Transfer-Encoding: quoted-printable" + std::string(kCrlf) + std::string(kCrlf);
  part += EncodeQuotedPrintable(body);
  part += kCrlf;  // belongs to the next delimiter (RFC 2046 5.1.1), not to the body
  return part;
}

void AddHeader(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  out += value;
  out += kCrlf;
}

// "Name <a@b>" with a non-ASCII name -> "=?UTF-8?B?...?= <a@b>".
std::string EncodeMailbox(std::string_view mailbox) {
  const auto open = mailbox.rfind('<');
  if (open == std::string_view::npos) return EncodeHeaderText(mailbox);
  std::string_view name = mailbox.substr(0, open);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  const std::string address = MailboxAddress(mailbox);
  if (name.empty()) return "<" + address + ">";
  return EncodeHeaderText(name) + " <" + address + ">";
}

}  // namespace

std::string EncodeQuotedPrintable(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto nl = text.find('\n', start);
    std::string_view line =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (!line.empty() && line.back() == '\r' && nl != std::string_view::npos) {
      line.remove_suffix(1);
    }
    EncodeQpLine(line, out);
    if (nl == std::string_view::npos) break;
    out += kCrlf;
    start = nl + 1;
  }
  return out;
}

std::string EncodeBase64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 |
                       static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63],
            kAlphabet[v & 63]};
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string EncodeHeaderText(std::string_view text) {
  std::string clean(text);
  for (char& c : clean) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = ' ';
  }
  if (IsPrintableAscii(clean) && clean.size() <= kHeaderPlainMax) return clean;
  std::string out;
  std::size_t pos = 0;
  while (pos < clean.size()) {
    std::size_t len = std::min(kEncodedWordBytes, clean.size() - pos);
    // Never split a UTF-8 sequence: back off while the next byte is a continuation byte.
    while (len > 1 && pos + len < clean.size() &&
           (static_cast<unsigned char>(clean[pos + len]) & 0xC0) == 0x80) {
      --len;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + EncodeBase64(std::string_view(clean).substr(pos, len)) + "?=";
    pos += len;
  }
  return out;
}

std::string FormatRfc5322Date(domain::Timestamp t) {
  using namespace std::chrono;
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto secs = floor<seconds>(t);
  const auto day = floor<days>(secs);
  const year_month_day ymd{day};
  const weekday wd{day};
  const hh_mm_ss hms{secs - day};
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d +0000", kDays[wd.c_encoding()],
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string MailboxAddress(std::string_view mailbox) {
  const auto open = mailbox.rfind('<');
  if (open == std::string_view::npos) return std::string(mailbox);
  const auto close = mailbox.find('>', open);
  return std::string(mailbox.substr(
      open + 1, close == std::string_view::npos ? std::string_view::npos : close - open - 1));
}

std::string BuildMimeMessage(const MimeMessage& m) {
  std::string out;
  AddHeader(out, "Date", FormatRfc5322Date(m.date));
  AddHeader(out, "Message-ID", "<" + m.message_id + ">");
  AddHeader(out, "From", EncodeMailbox(m.from));
  AddHeader(out, "To", "<" + MailboxAddress(m.to) + ">");
  AddHeader(out, "Subject", EncodeHeaderText(m.subject));
  AddHeader(out, "MIME-Version", "1.0");
  AddHeader(out, "Content-Type", "multipart/alternative; boundary=\"" + m.boundary + "\"");
  out += kCrlf;
  out += "This is a multipart message in MIME format.";
  out += kCrlf;
  out += kCrlf;
  out += ContentPart(m.boundary, "text/plain", m.text);
  out += ContentPart(m.boundary, "text/html", m.html);
  out += "--" + m.boundary + "--" + std::string(kCrlf);
  return out;
}

}  // namespace roster::mail
