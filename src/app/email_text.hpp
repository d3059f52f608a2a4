#pragma once
// Building blocks of Roster's emails: plain text with an HTML alternative, values escaped.
#include <string>
#include <string_view>
#include <vector>

#include "domain/time.hpp"

namespace roster::app {

struct EmailMessage {
  std::string subject;
  std::string text;
  std::string html;
};

// "2026-12-06 10:00 UTC"
std::string FormatHumanUtc(domain::Timestamp t);
std::string EscapeHtml(std::string_view text);
// Header-safe single line: control characters (CR, LF, TAB...) become spaces.
std::string OneLine(std::string_view text);

// A plain message: "Hello,", the paragraphs before the link, the link, the paragraphs after.
// Paragraphs are plain text (escaped for HTML here).
EmailMessage ComposeLinkEmail(std::string_view subject, const std::vector<std::string>& before,
                              std::string_view link, const std::vector<std::string>& after);

}  // namespace roster::app
