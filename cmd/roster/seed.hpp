#pragma once
// `roster dev seed`: a benchmark organization written through the Store in large transactions.
#include "config.hpp"

namespace roster::cmd {

struct SeedOptions {
  int members = 1000;
  int invitations = 0;
  bool force = false;  // seed even when the database holds other organizations
};

// Creates the organization "Bench" with the ADMIN admin@bench.test (password
// "bench-password-1"), N active members and M pending invitations; prints {"org_id": "..."}
// last. Returns the process exit code.
int RunSeed(const Config& config, const SeedOptions& options);

}  // namespace roster::cmd
