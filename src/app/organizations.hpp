#pragma once
// Organization mode and member management: activation, the users list, role changes, removal
// and the audit trail.
#include <optional>
#include <string>

#include "app/context.hpp"
#include "app/paging.hpp"

namespace roster::app {

struct MemberListRequest {
  std::optional<domain::MemberStatus> status;  // nullopt = ALL
  std::optional<domain::Role> role;
  std::string q;
  int limit = kDefaultPageLimit;
  std::string cursor;
};

struct AuditListRequest {
  int limit = kDefaultPageLimit;
  std::string cursor;
};

class Organizations {
 public:
  explicit Organizations(AppContext& ctx) : ctx_(ctx) {}

  domain::Organization Activate(const Principal& principal, const std::string& name);
  domain::Organization Get(const Principal& principal, const std::string& org_id);
  // Throws unless the caller is an ACTIVE ADMIN of `org_id`. Handlers call it before reading a
  // request's body or query, so that outsiders learn nothing from validation answers.
  void RequireAdminAccess(const Principal& principal, const std::string& org_id);
  Page<domain::Member> ListMembers(const Principal& principal, const std::string& org_id,
                                   const MemberListRequest& request);
  domain::Member ChangeRole(const Principal& principal, const std::string& org_id,
                            const std::string& user_id, domain::Role role);
  domain::Member Remove(const Principal& principal, const std::string& org_id,
                        const std::string& user_id);
  Page<domain::AuditEvent> ListAudit(const Principal& principal, const std::string& org_id,
                                     const AuditListRequest& request);

 private:
  AppContext& ctx_;
};

}  // namespace roster::app
