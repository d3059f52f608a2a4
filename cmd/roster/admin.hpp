#pragma once
// `roster admin`: break-glass commands on the database itself (SQLite or PostgreSQL), for
// whoever runs the server — while it runs or not.
#include <string>
#include <vector>

#include "config.hpp"

namespace roster::cmd {

struct AdminOptions {
  std::string command;  // promote | reset-link | orgs | rotate-keys | create-client
  std::string org;
  std::string email;
  // create-client
  std::string client_name;
  std::vector<std::string> redirect_uris;
  std::vector<std::string> post_logout_uris;
  bool is_public = false;
  bool admins_only = false;
};

// Prints the result on stdout; a refusal on stderr with exit code 1. Returns the exit code.
int RunAdmin(const Config& config, const AdminOptions& options);

}  // namespace roster::cmd
