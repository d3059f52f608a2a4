#pragma once
// The route table: method + path pattern ("/orgs/{org_id}") -> who may call it -> handler.
#include <string>
#include <string_view>
#include <vector>

#include "http/types.hpp"

namespace roster::http {

// Who may call a route. Checked before the handler runs, so a refusal wins over anything the
// handler would answer (an outsider never learns about a resource from a 422 or a 409).
enum class Access {
  kPublic,    // anyone; no CSRF (signup, login, invitation links)
  kSignedIn,  // a session cookie (+ CSRF for state changes) or a bearer token
  kMember,    // signed in, and an ACTIVE member of the path's {org_id}
  kAdmin,     // signed in, and an ACTIVE ADMIN of the path's {org_id}
};

struct Route {
  beast_http::verb method;
  std::string pattern;
  Access access;
  Handler handler;        // set for public routes
  DbHandler db_handler;   // set for the others
};

class Router {
 public:
  void Add(beast_http::verb method, std::string pattern, Access access, Handler handler);
  void Add(beast_http::verb method, std::string pattern, Access access, DbHandler handler);

  struct Match {
    const Route* route = nullptr;  // null: no route for this method
    bool path_known = false;       // some route has this path (for 405 vs 404)
  };
  Match Find(beast_http::verb method, std::string_view path,
             std::unordered_map<std::string, std::string>& params) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// Splits "/a/b/c" into {"a","b","c"}.
std::vector<std::string_view> SplitPath(std::string_view path);

}  // namespace roster::http
