#pragma once
// A signed-in person's own sessions and password: list, sign out one or all others, change.
#include <string>
#include <vector>

#include "app/context.hpp"

namespace roster::app {

struct SessionView {
  std::string id;
  Timestamp created_at;
  Timestamp last_seen_at;
  Timestamp expires_at;  // the earlier of the absolute and the idle expiry
  std::string user_agent;
  std::string client_address;
  bool current = false;
};

class Sessions {
 public:
  explicit Sessions(AppContext& ctx);

  // The caller's live sessions, newest first.
  std::vector<SessionView> List(const Principal& principal);
  // Ends one of the caller's sessions (not_found when it is not theirs or already ended).
  // True when it was the caller's current session.
  bool End(const Principal& principal, const std::string& session_id);
  // Ends every session of the caller but the current one.
  void EndOthers(const Principal& principal);
  // Slow (argon2id twice): checks the current password (invalid_credentials), sets the new one
  // and ends every other session.
  void ChangePassword(const Principal& principal, const std::string& current_password,
                      const std::string& new_password);

 private:
  AppContext& ctx_;
};

}  // namespace roster::app
