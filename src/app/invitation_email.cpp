#include "app/invitation_email.hpp"

#include <string>

#include "app/email_text.hpp"
#include "domain/time.hpp"

namespace roster::app {
namespace {

std::string ComposeText(std::string_view org, std::string_view inviter, std::string_view role,
                        std::string_view link, const std::string& expiry_human,
                        const std::string& expiry_rfc3339) {
  std::string text;
  text += "Hello,\n\n";
  text += std::string(inviter) + " invited you to join the organization \"" + std::string(org) +
          "\" on Roster with the role " + std::string(role) + ".\n\n";
  text += "To accept the invitation and choose your password, open this link:\n\n";
  text += std::string(link) + "\n\n";
  text += "The invitation expires on " + expiry_human + " (" + expiry_rfc3339 + ").\n\n";
  text += "If you did not expect this invitation, you can ignore this email.\n";
  return text;
}

std::string ComposeHtml(std::string_view org, std::string_view inviter, std::string_view role,
                        std::string_view link, const std::string& expiry_human,
                        const std::string& expiry_rfc3339) {
  const std::string e_org = EscapeHtml(org);
  const std::string e_inviter = EscapeHtml(inviter);
  const std::string e_role = EscapeHtml(role);
  const std::string e_link = EscapeHtml(link);
  std::string html;
  html += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<title>Invitation to " + e_org + "</title>\n</head>\n<body>\n";
  html += "<p>Hello,</p>\n";
  html += "<p><strong>" + e_inviter + "</strong> invited you to join the organization <strong>" +
          e_org + "</strong> on Roster with the role <strong>" + e_role + "</strong>.</p>\n";
  html += "<p>To accept the invitation and choose your password, open this link:</p>\n";
  html += "<p><a href=\"" + e_link + "\">" + e_link + "</a></p>\n";
  html += "<p>The invitation expires on <time datetime=\"" + EscapeHtml(expiry_rfc3339) + "\">" +
          EscapeHtml(expiry_human) + "</time>.</p>\n";
  html += "<p>If you did not expect this invitation, you can ignore this email.</p>\n";
  html += "</body>\n</html>\n";
  return html;
}

}  // namespace

InvitationEmail ComposeInvitationEmail(std::string_view organization_name,
                                       std::string_view inviter_username, domain::Role role,
                                       std::string_view link, domain::Timestamp expires_at) {
  const std::string_view role_label = domain::ToString(role);
  const std::string expiry_human = FormatHumanUtc(expires_at);
  const std::string expiry_rfc3339 = domain::FormatRfc3339(expires_at);
  InvitationEmail email;
  email.subject = OneLine(std::string(inviter_username) + " invited you to join " +
                          std::string(organization_name) + " on Roster");
  email.text = ComposeText(organization_name, inviter_username, role_label, link, expiry_human,
                           expiry_rfc3339);
  email.html = ComposeHtml(organization_name, inviter_username, role_label, link, expiry_human,
                           expiry_rfc3339);
  return email;
}

}  // namespace roster::app
