#pragma once
// The invitation email: plain text and an HTML alternative.
#include <string>
#include <string_view>

#include "domain/model.hpp"

namespace roster::app {

struct InvitationEmail {
  std::string subject;
  std::string text;
  std::string html;
};

InvitationEmail ComposeInvitationEmail(std::string_view organization_name,
                                       std::string_view inviter_username, domain::Role role,
                                       std::string_view link, domain::Timestamp expires_at);

}  // namespace roster::app
