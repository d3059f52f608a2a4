#include "app/oidc/clients.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "app/access.hpp"
#include "app/security.hpp"
#include "domain/validation.hpp"

namespace roster::app {

using domain::Error;
using domain::ErrorCode;

namespace {

constexpr std::size_t kMaxNameLength = 100;
constexpr std::size_t kMaxUris = 20;
constexpr std::size_t kMaxUriLength = 2000;
constexpr std::size_t kMaxApplications = 100;  // per organization; keeps the one-page list bounded

Error Invalid(std::string_view field, std::string_view code, const std::string& message) {
  return Error(ErrorCode::kValidationFailed, message,
               {domain::FieldError{std::string(field), std::string(code), message}});
}

void CheckName(const std::string& name) {
  if (name.empty()) throw Invalid("name", "required", "Give the application a name.");
  const bool control = std::any_of(name.begin(), name.end(), [](unsigned char c) {
    return c < 0x20 || c == 0x7f;
  });
  if (name.size() > kMaxNameLength || control) {
    throw Invalid("name", "invalid", "Give a name of 1 to 100 characters, on one line.");
  }
}

void CheckUris(std::string_view field, const std::vector<std::string>& uris, bool required) {
  if ((required && uris.empty()) || uris.size() > kMaxUris) {
    throw Invalid(field, "invalid",
                  required ? "Register 1 to 20 redirect URIs." : "Register at most 20 URIs.");
  }
  for (const auto& uri : uris) CheckRedirectUri(field, uri);
}

bool IsLoopbackHost(const std::string& host) {
  if (host == "localhost" || host == "[::1]") return true;
  return host.starts_with("127.") && host.find_first_not_of("0123456789.") == std::string::npos;
}

// The host of an http(s) URI's authority ("" when there is none or it holds a user part), and
// whether the port after it, if any, is digits.
std::string HostOf(std::string_view authority) {
  if (authority.find('@') != std::string_view::npos) return {};
  const auto host_end = authority.starts_with('[') ? authority.find(']') + 1 : authority.find(':');
  if (authority.starts_with('[') && host_end == 0) return {};
  const auto host = authority.substr(0, std::min(host_end, authority.size()));
  const auto port = authority.substr(host.size());
  if (!port.empty() && (port.size() < 2 || port.size() > 6 || port[0] != ':' ||
                        port.find_first_not_of("0123456789", 1) != std::string_view::npos)) {
    return {};
  }
  return domain::AsciiLower(host);
}

std::string AuditDetails(const boost::json::object& details) {
  return boost::json::serialize(details);
}

}  // namespace

void CheckRedirectUri(std::string_view field, const std::string& uri) {
  const bool printable = std::all_of(uri.begin(), uri.end(), [](unsigned char c) {
    return c > 0x20 && c < 0x7f;
  });
  const bool https = uri.starts_with("https://");
  const bool http = uri.starts_with("http://");
  std::string host;
  if ((https || http) && printable && uri.size() <= kMaxUriLength &&
      uri.find('#') == std::string::npos) {
    const auto start = https ? 8 : 7;
    const auto end = std::min(uri.find_first_of("/?", start), uri.size());
    host = HostOf(std::string_view(uri).substr(start, end - start));
  }
  if (host.empty()) {
    throw Invalid(field, "invalid",
                  "Give an absolute https:// URI without a fragment (http:// only for "
                  "localhost), at most 2000 characters.");
  }
  if (http && !IsLoopbackHost(host)) {
    throw Invalid(field, "invalid", "Use https:// (http:// is allowed only for localhost).");
  }
}

bool RoleAllowed(const ClientRecord& client, domain::Role role) {
  return !client.admins_only || role == domain::Role::kAdmin;
}

CreatedClient Clients::CreateForOrgName(const std::string& org_name, const ClientSpec& spec) {
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  const auto org =
      tx->FindOrganizationByNameKey(domain::OrganizationNameKey(domain::Trim(org_name)));
  if (!org) throw Error(ErrorCode::kNotFound, "no organization is named " + org_name);
  domain::Member actor;
  actor.org_id = org->id;
  actor.user_id = "cli";
  actor.username = "roster admin";
  auto created = Create(*tx, actor, "", spec);
  tx->Commit();
  return created;
}

CreatedClient Clients::Create(Transaction& tx, const domain::Member& actor,
                              const std::string& client_address, const ClientSpec& spec) {
  const auto name = domain::Trim(spec.name);
  CheckName(name);
  CheckUris("redirect_uris", spec.redirect_uris, true);
  CheckUris("post_logout_redirect_uris", spec.post_logout_redirect_uris, false);
  if (tx.Oidc().ListClientsOfOrg(actor.org_id).size() >= kMaxApplications) {
    throw Invalid("name", "limit_reached",
                  "This organization has 100 applications, the most it can register. Delete one "
                  "it no longer uses first.");
  }
  ClientRecord client{NewId(ctx_.random), actor.org_id, name, spec.redirect_uris, std::nullopt,
                      spec.admins_only,   ctx_.clock.Now(), spec.post_logout_redirect_uris};
  std::optional<std::string> secret;
  if (!spec.is_public) {
    secret = NewToken(ctx_.random);
    client.secret_hash = HashToken(*secret);
  }
  tx.Oidc().InsertClient(client);
  RecordAudit(tx, ctx_, actor, client_address, "application.created", "application", client.id, client.name,
              AuditDetails({{"public", spec.is_public}, {"admins_only", spec.admins_only}}));
  return {client.id, secret, client};
}

std::vector<ClientRecord> Clients::List(const domain::Member& admin) {
  auto tx = ctx_.store.Begin(TxMode::kRead);
  return tx->Oidc().ListClientsOfOrg(admin.org_id);
}

namespace {

ClientRecord RequireClientOf(Transaction& tx, const domain::Member& admin,
                             const std::string& client_id) {
  auto client = tx.Oidc().FindClient(client_id);
  if (!client || client->org_id != admin.org_id) {
    throw Error(ErrorCode::kNotFound, "No such application in this organization.");
  }
  return *client;
}

}  // namespace

ClientRecord Clients::Get(const domain::Member& admin, const std::string& client_id) {
  auto tx = ctx_.store.Begin(TxMode::kRead);
  return RequireClientOf(*tx, admin, client_id);
}

CreatedClient Clients::Register(const domain::Member& admin, const ClientSpec& spec,
                                const std::string& client_address) {
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  const auto actor = RequireAdminForWrite(*tx, admin);
  auto created = Create(*tx, actor, client_address, spec);
  tx->Commit();
  return created;
}

ClientRecord Clients::Update(const domain::Member& admin, const std::string& client_id,
                             const ClientChange& change, const std::string& client_address) {
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  const auto actor = RequireAdminForWrite(*tx, admin);
  auto client = RequireClientOf(*tx, admin, client_id);
  boost::json::array changed;
  if (change.name) {
    const auto name = domain::Trim(*change.name);
    CheckName(name);
    if (name != client.name) changed.emplace_back("name");
    client.name = name;
  }
  if (change.redirect_uris) {
    CheckUris("redirect_uris", *change.redirect_uris, true);
    if (*change.redirect_uris != client.redirect_uris) changed.emplace_back("redirect_uris");
    client.redirect_uris = *change.redirect_uris;
  }
  if (change.post_logout_redirect_uris) {
    CheckUris("post_logout_redirect_uris", *change.post_logout_redirect_uris, false);
    if (*change.post_logout_redirect_uris != client.post_logout_redirect_uris) {
      changed.emplace_back("post_logout_redirect_uris");
    }
    client.post_logout_redirect_uris = *change.post_logout_redirect_uris;
  }
  if (change.admins_only && *change.admins_only != client.admins_only) {
    changed.emplace_back("allowed_roles");
    client.admins_only = *change.admins_only;
  }
  if (changed.empty()) return client;  // unchanged: a no-op, nothing audited
  tx->Oidc().UpdateClient(client);
  RecordAudit(*tx, ctx_, actor, client_address, "application.updated", "application", client.id, client.name,
              AuditDetails({{"changed", changed}}));
  tx->Commit();
  return client;
}

CreatedClient Clients::RotateSecret(const domain::Member& admin, const std::string& client_id,
                                    const std::string& client_address) {
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  const auto actor = RequireAdminForWrite(*tx, admin);
  auto client = RequireClientOf(*tx, admin, client_id);
  if (!client.secret_hash) {
    throw Error(ErrorCode::kApplicationPublic,
                "A public application has no secret: it signs in with PKCE.");
  }
  auto secret = NewToken(ctx_.random);
  client.secret_hash = HashToken(secret);
  tx->Oidc().UpdateClient(client);
  RecordAudit(*tx, ctx_, actor, client_address, "application.secret_rotated", "application", client.id,
              client.name);
  tx->Commit();
  return {client.id, secret, client};
}

void Clients::Delete(const domain::Member& admin, const std::string& client_id,
                     const std::string& client_address) {
  auto tx = ctx_.store.Begin(TxMode::kWrite);
  const auto actor = RequireAdminForWrite(*tx, admin);
  const auto client = RequireClientOf(*tx, admin, client_id);
  tx->Oidc().DeleteClient(client.id);
  RecordAudit(*tx, ctx_, actor, client_address, "application.deleted", "application", client.id, client.name,
              AuditDetails({{"public", !client.secret_hash.has_value()}}));
  tx->Commit();
}

}  // namespace roster::app
