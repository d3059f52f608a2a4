#pragma once
// Break-glass operations for whoever runs the server (`roster admin`): they act on the
// database directly, as the actor {user_id: "cli", username: "roster admin"}.
#include <string>
#include <vector>

#include "app/account_links.hpp"
#include "app/context.hpp"

namespace roster::app {

class Operator {
 public:
  explicit Operator(AppContext& ctx) : ctx_(ctx), links_(ctx) {}

  // Makes the ACTIVE member with `email` of the organization named `org_name` an ADMIN
  // (recorded as member.role_changed). Returns false when it already was one. Throws not_found
  // for an unknown organization or email, member_removed for a member who is not ACTIVE.
  bool Promote(const std::string& org_name, const std::string& email);
  // A one-time password-reset link for the account with `email`. Throws not_found for an
  // unknown email, member_removed for a removed member.
  std::string ResetLink(const std::string& email);
  // Every organization with its active admins.
  std::vector<OrganizationSummary> Organizations();

 private:
  AppContext& ctx_;
  AccountLinks links_;
};

}  // namespace roster::app
