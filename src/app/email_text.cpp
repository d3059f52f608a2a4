#include "app/email_text.hpp"

#include <chrono>
#include <cstdio>

namespace roster::app {

std::string FormatHumanUtc(domain::Timestamp t) {
  using namespace std::chrono;
  const auto mins = floor<minutes>(t);
  const auto day = floor<days>(mins);
  const year_month_day ymd{day};
  const hh_mm_ss hms{mins - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d UTC", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()));
  return buf;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string OneLine(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return out;
}

EmailMessage ComposeLinkEmail(std::string_view subject, const std::vector<std::string>& before,
                              std::string_view link, const std::vector<std::string>& after) {
  EmailMessage email;
  email.subject = OneLine(subject);
  const std::string e_link = EscapeHtml(link);
  email.text = "Hello,\n\n";
  email.html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
               EscapeHtml(email.subject) + "</title>\n</head>\n<body>\n<p>Hello,</p>\n";
  for (const auto& p : before) {
    email.text += p + "\n\n";
    email.html += "<p>" + EscapeHtml(p) + "</p>\n";
  }
  email.text += std::string(link) + "\n\n";
  email.html += "<p><a href=\"" + e_link + "\">" + e_link + "</a></p>\n";
  for (const auto& p : after) {
    email.text += p + "\n\n";
    email.html += "<p>" + EscapeHtml(p) + "</p>\n";
  }
  email.text.pop_back();  // one newline at the end
  email.html += "</body>\n</html>\n";
  return email;
}

}  // namespace roster::app
