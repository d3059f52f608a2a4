#pragma once
// The organizations' client applications (OpenID Connect relying parties): registered by the
// organization itself, so first-party. A confidential client's secret is shown once; only its
// hash is kept.
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/oidc/oidc_store.hpp"

namespace roster::app {

struct ClientSpec {
  std::string name;
  std::vector<std::string> redirect_uris;
  std::vector<std::string> post_logout_redirect_uris;
  bool is_public = false;
  bool admins_only = false;
};

struct CreatedClient {
  std::string client_id;
  std::optional<std::string> client_secret;  // nullopt for public clients
};

// Throws validation_failed naming the field when `uri` is no absolute http(s) URI without a
// fragment, or is over 2,000 characters.
void CheckRedirectUri(std::string_view field, const std::string& uri);

// True when the member's role may sign in to the client.
bool RoleAllowed(const ClientRecord& client, domain::Role role);

class Clients {
 public:
  explicit Clients(AppContext& ctx) : ctx_(ctx) {}

  // Registers a client of the organization named `org_name` (`roster admin create-client`;
  // audit actor "cli"). Throws not_found for an unknown organization.
  CreatedClient CreateForOrgName(const std::string& org_name, const ClientSpec& spec);
  // Registers a client of `org_id`, recorded as done by `actor`.
  CreatedClient Create(Transaction& tx, const domain::Member& actor, const ClientSpec& spec);

 private:
  AppContext& ctx_;
};

}  // namespace roster::app
