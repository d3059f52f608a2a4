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
  std::optional<std::string> action;          // only events of this action
  std::optional<std::string> member_user_id;  // only events whose actor or target is this user
};

class Organizations {
 public:
  explicit Organizations(AppContext& ctx) : ctx_(ctx) {}

  // Throws rate_limited when `client_address` activated too many organizations this hour.
  domain::Organization Activate(const Principal& principal, const std::string& name,
                                const std::string& client_address);
  // The rest act for a caller whose membership the route has checked: `member` is an ACTIVE
  // member, `admin` an ACTIVE ADMIN (writes check again in their transaction).
  domain::Organization Get(const domain::Member& member);
  Page<domain::Member> ListMembers(const domain::Member& admin, const MemberListRequest& request);
  domain::Member ChangeRole(const domain::Member& admin, const std::string& user_id,
                            domain::Role role,
                            const std::string& client_address);
  domain::Member Remove(const domain::Member& admin, const std::string& user_id,
                        const std::string& client_address);
  Page<domain::AuditEvent> ListAudit(const domain::Member& admin, const AuditListRequest& request);

 private:
  AppContext& ctx_;
};

}  // namespace roster::app
