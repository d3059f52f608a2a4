#include "app/oidc/clients.hpp"

#include <algorithm>

#include "app/access.hpp"
#include "app/security.hpp"
#include "domain/validation.hpp"

namespace roster::app {

using domain::Error;
using domain::ErrorCode;

namespace {

Error Invalid(std::string_view field, const std::string& message) {
  return Error(ErrorCode::kValidationFailed, message,
               {domain::FieldError{std::string(field), "invalid", message}});
}

void CheckSpec(const ClientSpec& spec) {
  const auto name = domain::Trim(spec.name);
  if (name.empty() || name.size() > 100) throw Invalid("name", "Give a name of 1 to 100 characters.");
  if (spec.redirect_uris.empty() || spec.redirect_uris.size() > 20) {
    throw Invalid("redirect_uris", "Register 1 to 20 redirect URIs.");
  }
  if (spec.post_logout_redirect_uris.size() > 20) {
    throw Invalid("post_logout_redirect_uris", "Register at most 20 post-logout redirect URIs.");
  }
  for (const auto& uri : spec.redirect_uris) CheckRedirectUri("redirect_uris", uri);
  for (const auto& uri : spec.post_logout_redirect_uris) {
    CheckRedirectUri("post_logout_redirect_uris", uri);
  }
}

bool StartsWithScheme(const std::string& uri) {
  return uri.starts_with("https://") || uri.starts_with("http://");
}

}  // namespace

void CheckRedirectUri(std::string_view field, const std::string& uri) {
  const bool printable = std::all_of(uri.begin(), uri.end(), [](unsigned char c) {
    return c > 0x20 && c < 0x7f;
  });
  const auto authority_start = uri.find("://") + 3;
  const bool has_host = StartsWithScheme(uri) && uri.size() > authority_start &&
                        uri[authority_start] != '/' && uri[authority_start] != '?';
  if (uri.size() > 2000 || !printable || !has_host || uri.find('#') != std::string::npos) {
    throw Invalid(field, "Give an absolute http:// or https:// URI without a fragment.");
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
  auto created = Create(*tx, actor, spec);
  tx->Commit();
  return created;
}

CreatedClient Clients::Create(Transaction& tx, const domain::Member& actor,
                              const ClientSpec& spec) {
  CheckSpec(spec);
  const auto now = ctx_.clock.Now();
  ClientRecord client{NewId(ctx_.random), actor.org_id, domain::Trim(spec.name),
                      spec.redirect_uris, std::nullopt, spec.admins_only, now,
                      spec.post_logout_redirect_uris};
  std::optional<std::string> secret;
  if (!spec.is_public) {
    secret = NewToken(ctx_.random);
    client.secret_hash = HashToken(*secret);
  }
  tx.Oidc().InsertClient(client);
  const std::string details = std::string(R"({"public":)") + (spec.is_public ? "true" : "false") +
                              R"(,"admins_only":)" + (spec.admins_only ? "true" : "false") + "}";
  RecordAudit(tx, ctx_, actor, "", "application.created", "application", client.id, client.name,
              details);
  return {client.id, secret};
}

}  // namespace roster::app
