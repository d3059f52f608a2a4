#pragma once
// `roster admin`: break-glass commands on the database itself (SQLite or PostgreSQL), for
// whoever runs the server — while it runs or not.
#include <string>

#include "config.hpp"

namespace roster::cmd {

struct AdminOptions {
  std::string command;  // promote | reset-link | orgs
  std::string org;
  std::string email;
};

// Prints the result on stdout; a refusal on stderr with exit code 1. Returns the exit code.
int RunAdmin(const Config& config, const AdminOptions& options);

}  // namespace roster::cmd
