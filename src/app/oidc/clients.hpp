#pragma once
// The organizations' client applications (OpenID Connect relying parties): registered by the
// organization's ADMINs (or `roster admin create-client`), so first-party. A confidential
// client's secret is shown once, when made or rotated; only its hash is kept.
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

// An update: fields left nullopt keep their value.
struct ClientChange {
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> redirect_uris;
  std::optional<std::vector<std::string>> post_logout_redirect_uris;
  std::optional<bool> admins_only;
};

// A client with the secret just issued to it: the one time the secret is shown.
struct CreatedClient {
  std::string client_id;
  std::optional<std::string> client_secret;  // nullopt for public clients
  ClientRecord client;
};

// Throws validation_failed naming the field unless `uri` is an absolute https:// URI (http://
// only for localhost and loopback addresses) with a host, no user part and no fragment, of at
// most 2,000 characters.
void CheckRedirectUri(std::string_view field, const std::string& uri);

// True when the member's role may sign in to the client.
bool RoleAllowed(const ClientRecord& client, domain::Role role);

class Clients {
 public:
  explicit Clients(AppContext& ctx) : ctx_(ctx) {}

  // Registers a client of the organization named `org_name` (`roster admin create-client`;
  // audit actor "cli"). Throws not_found for an unknown organization.
  CreatedClient CreateForOrgName(const std::string& org_name, const ClientSpec& spec);
  // Registers a client of actor.org_id in `tx`, recorded as done by `actor` from
  // `client_address` ("" for the CLI). Both the CLI and the API register through this.
  CreatedClient Create(Transaction& tx, const domain::Member& actor,
                       const std::string& client_address, const ClientSpec& spec);

  // The API's use cases, for an ADMIN whose membership the route has checked, whose request
  // came from `client_address` (for the audit trail). A client of another organization is
  // not_found.
  std::vector<ClientRecord> List(const domain::Member& admin);
  ClientRecord Get(const domain::Member& admin, const std::string& client_id);
  CreatedClient Register(const domain::Member& admin, const ClientSpec& spec,
                         const std::string& client_address);
  ClientRecord Update(const domain::Member& admin, const std::string& client_id,
                      const ClientChange& change, const std::string& client_address);
  // A new secret; the old one stops working at once. Public clients have none to rotate
  // (application_public).
  CreatedClient RotateSecret(const domain::Member& admin, const std::string& client_id,
                             const std::string& client_address);
  // Deletes the client with its codes and refresh tokens.
  void Delete(const domain::Member& admin, const std::string& client_id,
              const std::string& client_address);

 private:
  AppContext& ctx_;
};

}  // namespace roster::app
